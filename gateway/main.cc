// The gateway: flags and wiring only.
#include <sys/resource.h>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <thread>

#include "absl/flags/flag.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "gateway/auth_handler.h"
#include "gateway/connect.h"
#include "gateway/directory.h"
#include "gateway/front_door.h"
#include "gateway/h2_front.h"
#include "gateway/key_service.h"
#include "gateway_lib_migrations.h"
#include "libs/outbox/outbox.h"
#include "libs/rpc/log.h"
#include "libs/rpc/server.h"

using unionhub::rpc::EnvOr;

// Flags of int type whose environment fallback is an int.
static int IntFromEnv(const char* name, int fallback) {
  return static_cast<int>(unionhub::rpc::IntEnvOr(name, fallback));
}

ABSL_FLAG(std::string, http_listen,
          EnvOr("UNIONHUB_HTTP_LISTEN", "127.0.0.1:7180"),
          "host:port of the Connect/JSON, /metrics and /healthz HTTP/1.1 "
          "server.");
ABSL_FLAG(std::string, backends,
          EnvOr("UNIONHUB_BACKENDS",
                "membership=127.0.0.1:7101,welfare=127.0.0.1:7102,"
                "democracy=127.0.0.1:7103,reporting=127.0.0.1:7104"),
          "Comma-separated area=host:port: methods of package "
          "unionhub.<area>.v1 go to that address.");
ABSL_FLAG(std::string, bootstrap_key_file,
          EnvOr("UNIONHUB_BOOTSTRAP_KEY_FILE", ""),
          "On a fresh install, the root federation-admin key is the one in "
          "this file; without it, a new key is printed once on stdout.");
ABSL_FLAG(std::string, dashboard_dir, EnvOr("UNIONHUB_DASHBOARD_DIR", ""),
          "The dashboard's built files (build/dashboard), served on the HTTP "
          "port at /; empty: no dashboard.");
ABSL_FLAG(int, max_connect_stream_bytes,
          IntFromEnv("UNIONHUB_MAX_CONNECT_STREAM_BYTES", 32 << 20),
          "Largest answer of a server-streaming method called over Connect "
          "(gathered and sent whole; over gRPC there is no such bound).");
ABSL_FLAG(std::string, cors_origins, EnvOr("UNIONHUB_CORS_ORIGINS", ""),
          "Comma-separated browser origins allowed to call ('*' for any).");
ABSL_FLAG(int, rate_limit_per_second,
          IntFromEnv("UNIONHUB_RATE_LIMIT_PER_SECOND", 50),
          "Calls per second each API key may make on average (0: no limit).");
ABSL_FLAG(int, rate_limit_burst, IntFromEnv("UNIONHUB_RATE_LIMIT_BURST", 100),
          "Calls each API key may make at once before the average applies.");
ABSL_FLAG(int, max_request_bytes,
          IntFromEnv("UNIONHUB_MAX_REQUEST_BYTES", 4 << 20),
          "Largest request message (gRPC) or body (HTTP) accepted.");
ABSL_FLAG(int, default_deadline_seconds,
          IntFromEnv("UNIONHUB_DEFAULT_DEADLINE_SECONDS", 30),
          "Deadline of calls whose caller set none.");
ABSL_FLAG(int, max_deadline_seconds,
          IntFromEnv("UNIONHUB_MAX_DEADLINE_SECONDS", 300),
          "Longest deadline any call gets.");
ABSL_FLAG(int, key_cache_seconds, IntFromEnv("UNIONHUB_KEY_CACHE_SECONDS", 5),
          "How long a key is trusted without a database read: a key revoked "
          "on another gateway replica stops working here within this time.");
ABSL_FLAG(int, proxy_threads,
          IntFromEnv("UNIONHUB_PROXY_THREADS",
                     std::max(2, static_cast<int>(
                                     std::thread::hardware_concurrency()))),
          "Event loops relaying gRPC calls (one per core is right).");
ABSL_FLAG(int, max_connections, IntFromEnv("UNIONHUB_MAX_CONNECTIONS", 10000),
          "gRPC connections open at once; at the limit a new one takes the "
          "place of the longest idle. Lowered to fit the file-descriptor "
          "limit.");
ABSL_FLAG(int, max_connections_per_address,
          IntFromEnv("UNIONHUB_MAX_CONNECTIONS_PER_ADDRESS", 1000),
          "gRPC connections open at once from one client address.");
ABSL_FLAG(int, idle_timeout_seconds,
          IntFromEnv("UNIONHUB_IDLE_TIMEOUT_SECONDS", 300),
          "A connection with no call open this long is closed.");
ABSL_FLAG(int, handshake_timeout_seconds,
          IntFromEnv("UNIONHUB_HANDSHAKE_TIMEOUT_SECONDS", 10),
          "Time a new connection has for the HTTP/2 preface and SETTINGS, "
          "and a call for its headers.");
ABSL_FLAG(int, http_threads, IntFromEnv("UNIONHUB_HTTP_THREADS", 2),
          "Threads serving the HTTP/1.1 port's connections (event loops: "
          "one per core is plenty).");
ABSL_FLAG(int, http_body_timeout_seconds,
          IntFromEnv("UNIONHUB_HTTP_BODY_TIMEOUT_SECONDS", 30),
          "Time an HTTP/1.1 request has for its body, and an answer for "
          "being written to its caller.");

namespace {

// "host:port", "[::1]:7100" or ":7100" (all interfaces).
// How this process reaches its own listener on `host`.
std::string LocalAddress(const std::string& host, int port) {
  if (host == "0.0.0.0") return absl::StrCat("127.0.0.1:", port);
  if (host == "::") return absl::StrCat("[::1]:", port);
  if (absl::StrContains(host, ':')) return absl::StrCat("[", host, "]:", port);
  return absl::StrCat(host, ":", port);
}

// Raises the soft file-descriptor limit to the hard one (as Go and nginx
// do) and returns it: each connection holds a descriptor.
int RaiseDescriptorLimit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return 1024;
  if (limit.rlim_cur < limit.rlim_max) {
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);
    getrlimit(RLIMIT_NOFILE, &limit);
  }
  return static_cast<int>(std::min<rlim_t>(limit.rlim_cur, 1 << 30));
}

// The bootstrap key needs the root organisation, which membership owns and
// may still be starting: ask until it answers.
absl::StatusOr<std::string> BootstrapWhenReady(
    unionhub::gateway::KeyService& keys, const std::string& secret) {
  for (int attempt = 0;; ++attempt) {
    absl::StatusOr<std::string> created = keys.Bootstrap(secret);
    if (created.ok() ||
        created.status().code() != absl::StatusCode::kUnavailable ||
        attempt == 120) {
      return created;
    }
    if (attempt % 10 == 0) {
      unionhub::rpc::LogEvent(
          "warn", "waiting for membership to bootstrap",
          {{"error", std::string(created.status().message())}});
    }
    absl::SleepFor(absl::Seconds(1));
  }
}

}  // namespace

int main(int argc, char** argv) {
  using namespace unionhub;
  using namespace unionhub::gateway;
  // The gateway's metrics are on its HTTP port (--http_listen), with the rest.
  rpc::ServerSettings settings = rpc::InitServerProcess(
      argc, argv, "gateway",
      {"127.0.0.1:7100", "none", "sqlite://var/gateway.db"});

  auto db = rpc::OpenAndMigrate(settings.database_url,
                                outbox::WithPlatform(gateway_lib_migrations()));
  if (!db.ok())
    return unionhub::rpc::Fail(db.status(), "cannot open the database");
  // The gateway signs its callers' principals; services trust its public key.
  auto signer = rpc::LoadPrincipalSigner(settings.signing_key_file);
  if (!signer.ok())
    return unionhub::rpc::Fail(signer.status(), "no signing key");
  auto routes = Routes::Create(absl::GetFlag(FLAGS_backends));
  if (!routes.ok())
    return unionhub::rpc::Fail(routes.status(), "bad --backends");
  auto membership = (*routes)->backends().find("membership");
  if (membership == (*routes)->backends().end()) {
    return unionhub::rpc::Fail(
        absl::InvalidArgumentError("--backends names no membership"),
        "bad --backends");
  }

  const Clock& clock = Clock::System();
  MembershipDirectory directory(
      grpc::CreateChannel(membership->second->address,
                          grpc::InsecureChannelCredentials()),
      &*signer, &clock);
  KeyService keys(db->get(), &directory, &clock,
                  absl::Seconds(absl::GetFlag(FLAGS_key_cache_seconds)));

  std::string bootstrap_secret;
  if (const std::string file = absl::GetFlag(FLAGS_bootstrap_key_file);
      !file.empty()) {
    std::ifstream in(file);
    if (!in) {
      return unionhub::rpc::Fail(absl::NotFoundError(file),
                                 "cannot read the bootstrap key");
    }
    std::getline(in, bootstrap_secret);
    bootstrap_secret =
        std::string(absl::StripAsciiWhitespace(bootstrap_secret));
  }
  auto created = BootstrapWhenReady(keys, bootstrap_secret);
  if (!created.ok())
    return unionhub::rpc::Fail(created.status(), "cannot bootstrap");
  if (!created->empty()) {
    // Shown once, on stdout and never in the logs.
    std::cout
        << "bootstrap API key (federation admin of the root, shown once): "
        << *created << std::endl;
  }

  RateLimiter limiter(absl::GetFlag(FLAGS_rate_limit_per_second),
                      absl::GetFlag(FLAGS_rate_limit_burst), &clock);
  rpc::Metrics metrics("unionhub_gateway");
  FrontDoorOptions door_options;
  door_options.default_deadline =
      absl::Seconds(absl::GetFlag(FLAGS_default_deadline_seconds));
  door_options.max_deadline =
      absl::Seconds(absl::GetFlag(FLAGS_max_deadline_seconds));
  FrontDoor door(routes->get(), &keys, &limiter, &metrics, &*signer, &clock,
                 door_options);
  // The gateway's own gRPC services, on a loopback port the front relays to.
  FrontDoorGate gate(&door);
  rpc::Executor executor(settings.executor);  // Outlives the server below.
  rpc::AddExecutorGauges(metrics, executor);
  rpc::AddPoolGauges(metrics, db->get());
  AuthHandler auth_handler({&gate, &executor}, &keys);
  auto server = rpc::Server::Start("127.0.0.1:0", {&auth_handler}, db->get(),
                                   absl::GetFlag(FLAGS_max_request_bytes));
  if (!server.ok()) return unionhub::rpc::Fail(server.status(), "cannot start");
  rpc::Server* grpc_server = server->get();

  // The gRPC front callers reach.
  H2FrontOptions front_options;
  if (!http::SplitHostPort(settings.listen, &front_options.host,
                           &front_options.port)) {
    return unionhub::rpc::Fail(
        absl::InvalidArgumentError("--listen must be host:port"),
        "bad --listen");
  }
  front_options.threads = absl::GetFlag(FLAGS_proxy_threads);
  front_options.max_message_bytes = absl::GetFlag(FLAGS_max_request_bytes);
  front_options.internal_address =
      absl::StrCat("127.0.0.1:", grpc_server->port());
  for (const auto& [name, backend] : (*routes)->backends())
    front_options.backends.push_back(*backend);
  // Descriptors for the HTTP/1.1 side, backends, the database and logs are
  // kept out of the gRPC front's share.
  int descriptors = RaiseDescriptorLimit();
  front_options.max_connections = std::max(
      1, std::min(absl::GetFlag(FLAGS_max_connections), descriptors / 2));
  front_options.max_connections_per_address =
      std::max(1, absl::GetFlag(FLAGS_max_connections_per_address));
  front_options.idle_timeout =
      absl::Seconds(absl::GetFlag(FLAGS_idle_timeout_seconds));
  front_options.handshake_timeout =
      absl::Seconds(absl::GetFlag(FLAGS_handshake_timeout_seconds));
  auto front = H2Front::Start(front_options, &door);
  if (!front.ok()) return unionhub::rpc::Fail(front.status(), "cannot start");

  ConnectOptions connect_options;
  http::ServerOptions& http = connect_options.http;
  if (!http::SplitHostPort(absl::GetFlag(FLAGS_http_listen), &http.host,
                           &http.port)) {
    return unionhub::rpc::Fail(
        absl::InvalidArgumentError("--http_listen must be host:port"),
        "bad --http_listen");
  }
  for (absl::string_view origin : absl::StrSplit(
           absl::GetFlag(FLAGS_cors_origins), ',', absl::SkipWhitespace())) {
    connect_options.cors_origins.emplace_back(origin);
  }
  if (const std::string dir = absl::GetFlag(FLAGS_dashboard_dir);
      !dir.empty()) {
    auto dashboard = StaticFiles::Load(dir);
    if (!dashboard.ok())
      return unionhub::rpc::Fail(dashboard.status(), "cannot load dashboard");
    connect_options.dashboard = *std::move(dashboard);
  }
  connect_options.max_stream_bytes = static_cast<size_t>(
      std::max(1024, absl::GetFlag(FLAGS_max_connect_stream_bytes)));
  http.max_body_bytes = absl::GetFlag(FLAGS_max_request_bytes);
  http.threads = std::max(1, absl::GetFlag(FLAGS_http_threads));
  // The same caps and timeouts as the gRPC port, in its own count, from
  // a quarter of the descriptors.
  http.max_connections = std::max(
      1, std::min(absl::GetFlag(FLAGS_max_connections), descriptors / 4));
  http.max_connections_per_address = front_options.max_connections_per_address;
  http.header_timeout = front_options.handshake_timeout;
  http.idle_timeout = front_options.idle_timeout;
  http.body_timeout = absl::Seconds(
      std::max(1, absl::GetFlag(FLAGS_http_body_timeout_seconds)));
  // Connect calls become gRPC calls through the front, so they meet the same
  // checks, limits, logs and metrics.
  grpc::ChannelArguments args;
  args.SetMaxReceiveMessageSize(-1);
  // Back quickly after the front closed this connection (at its cap).
  args.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS, 100);
  args.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, 1000);
  H2Front* grpc_front = front->get();
  auto connect = ConnectServer::Start(
      std::move(connect_options), routes->get(), &door, &metrics,
      grpc::CreateCustomChannel(
          LocalAddress(front_options.host, (*front)->port()),
          grpc::InsecureChannelCredentials(), args),
      [grpc_server, grpc_front](std::string* why) {
        if (!grpc_server->serving()) {
          *why = "the gateway's database is not ready, or it is stopping\n";
          return false;
        }
        return FrontReady(grpc_front->Stats(), why);
      },
      [grpc_front] { return RenderFrontMetrics(grpc_front->Stats()); });
  if (!connect.ok())
    return unionhub::rpc::Fail(connect.status(), "cannot start HTTP");

  rpc::LogEvent("info", "gateway listening",
                {{"address", settings.listen},
                 {"port", std::to_string((*front)->port())},
                 {"http_port", std::to_string((*connect)->port())},
                 {"backends", absl::GetFlag(FLAGS_backends)}});
  rpc::AwaitTerminationSignal();
  // Outside in: HTTP first (its calls pass the front), then the front, whose
  // calls may need the internal server; all within one grace period.
  absl::Time deadline =
      absl::Now() + absl::Seconds(settings.shutdown_grace_seconds);
  auto left = [deadline] {
    return std::max(absl::ZeroDuration(), deadline - absl::Now());
  };
  (*connect)->Stop(left());
  (*front)->Stop(left());
  grpc_server->Shutdown(left());
  rpc::LogEvent("info", "gateway stopped");
  return 0;
}
