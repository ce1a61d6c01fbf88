#include "libs/rpc/server.h"

#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/health_check_service_interface.h>
#include <signal.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>
#include <thread>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/reflection.h"
#include "absl/flags/usage.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "absl/synchronization/mutex.h"
#include "libs/base/status_macros.h"
#include "libs/crypto/crypto.h"
#include "libs/rpc/interceptor.h"
#include "libs/rpc/log.h"

ABSL_FLAG(std::string, listen, "",
          "host:port to serve gRPC on (UNIONHUB_LISTEN).");
ABSL_FLAG(
    std::string, database_url, "",
    "sqlite://PATH or mysql://USER:PASS@HOST:PORT/DB (UNIONHUB_DATABASE_URL).");
ABSL_FLAG(std::string, database_url_file, "",
          "File holding the database URL, e.g. a Kubernetes Secret mounted as "
          "a file, so the password is in no flag and no environment "
          "(UNIONHUB_DATABASE_URL_FILE). --database_url wins if both are set.");
ABSL_FLAG(bool, print_environment, false,
          "Print the environment variables this program reads, one per line, "
          "and exit.");
ABSL_FLAG(
    std::string, principal_public_keys_file, "",
    "File with the public keys whose principals are trusted, one per "
    "line: \"gateway <base64>\" or \"service <base64>\" (or "
    "UNIONHUB_PRINCIPAL_PUBLIC_KEYS / UNIONHUB_PRINCIPAL_PUBLIC_KEYS_FILE).");
ABSL_FLAG(std::string, signing_key_file, "",
          "File with this process's base64 Ed25519 private key, for the "
          "principals it signs (or UNIONHUB_SIGNING_KEY / "
          "UNIONHUB_SIGNING_KEY_FILE).");
ABSL_FLAG(int, shutdown_grace_seconds, 10,
          "On SIGTERM, how long in-flight calls may take to finish.");
ABSL_FLAG(std::string, metrics_listen, "",
          "host:port to serve Prometheus metrics on at /metrics "
          "(UNIONHUB_METRICS_LISTEN; \"none\": no metrics port).");
ABSL_FLAG(int, workers, 0,
          "Threads that run calls' storage work (UNIONHUB_WORKERS; default: "
          "on MySQL the connection pool size, 8; on SQLite the CPU count, at "
          "least 2).");
ABSL_FLAG(int, max_queued_calls, 0,
          "Calls that may wait for a worker before more are refused with "
          "RESOURCE_EXHAUSTED (UNIONHUB_MAX_QUEUED_CALLS; default 512).");

namespace unionhub::rpc {
namespace {

// MySQL work waits on the network: one worker per pooled connection keeps them
// all busy. SQLite work is CPU in this process: workers beyond the cores only
// add thread switches (bench/gateway.sh, 2 cores: membership spent 63 us of
// CPU a call with 8 workers, 52 us with 2).
int DefaultWorkers(absl::string_view database_url) {
  if (!absl::StartsWith(database_url, "sqlite:"))
    return sql::Options().max_connections;
  return std::max(2, static_cast<int>(std::thread::hardware_concurrency()));
}

constexpr absl::Duration kReadinessInterval = absl::Seconds(2);

absl::StatusOr<std::string> ReadText(const std::string& path) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read ", path));
  std::stringstream content;
  content << in.rdbuf();
  return content.str();
}
// Health's service name for liveness probes: SERVING while the process runs,
// whether or not its database answers (the unnamed service, readiness, says
// that), so a database outage takes pods out of service without restarting
// them.
constexpr char kLivenessService[] = "liveness";

// Names are recorded as they are declared or read; most are read by flag
// defaults, during static initialisation, hence a function-local set.
absl::Mutex& EnvironmentMutex() {
  static absl::Mutex mu(absl::kConstInit);
  return mu;
}
std::set<std::string>& EnvironmentNames() {
  static auto* names = new std::set<std::string>;
  return *names;
}

}  // namespace

bool DeclareEnvironment(std::initializer_list<const char*> names) {
  absl::MutexLock lock(&EnvironmentMutex());
  for (const char* name : names) EnvironmentNames().insert(name);
  return true;
}

std::vector<std::string> KnownEnvironment() {
  absl::MutexLock lock(&EnvironmentMutex());
  return {EnvironmentNames().begin(), EnvironmentNames().end()};
}

std::string EnvOr(const char* name, absl::string_view fallback) {
  DeclareEnvironment({name});
  const char* value = std::getenv(name);
  return value && *value ? std::string(value) : std::string(fallback);
}

int64_t IntEnvOr(const char* name, int64_t fallback) {
  int64_t value = fallback;
  std::string text = EnvOr(name, "");
  return !text.empty() && absl::SimpleAtoi(text, &value) ? value : fallback;
}

absl::StatusOr<std::string> DatabaseUrl(absl::string_view fallback) {
  std::string url = absl::GetFlag(FLAGS_database_url);
  if (url.empty()) url = EnvOr("UNIONHUB_DATABASE_URL", "");
  if (!url.empty()) return url;
  std::string file = absl::GetFlag(FLAGS_database_url_file);
  if (file.empty()) file = EnvOr("UNIONHUB_DATABASE_URL_FILE", "");
  if (file.empty()) {
    if (fallback.empty())
      return absl::InvalidArgumentError(
          "set --database_url or --database_url_file");
    return std::string(fallback);
  }
  ASSIGN_OR_RETURN(std::string text, ReadText(file));
  url = std::string(absl::StripAsciiWhitespace(text));
  if (url.empty()) return absl::NotFoundError(absl::StrCat("no URL in ", file));
  return url;
}

ServerSettings InitServerProcess(int argc, char** argv,
                                 absl::string_view service,
                                 const ServiceDefaults& defaults) {
  absl::SetProgramUsageMessage(absl::StrCat("unionhub ", service, " service"));
  // Read below or, for the keys, once the service loads them.
  DeclareEnvironment({"UNIONHUB_LISTEN", "UNIONHUB_DATABASE_URL",
                      "UNIONHUB_DATABASE_URL_FILE", "UNIONHUB_METRICS_LISTEN",
                      "UNIONHUB_WORKERS", "UNIONHUB_MAX_QUEUED_CALLS",
                      "UNIONHUB_PRINCIPAL_PUBLIC_KEYS",
                      "UNIONHUB_PRINCIPAL_PUBLIC_KEYS_FILE",
                      "UNIONHUB_SIGNING_KEY", "UNIONHUB_SIGNING_KEY_FILE"});
  absl::ParseCommandLine(argc, argv);
  if (absl::GetFlag(FLAGS_print_environment)) {
    // Flag defaults are made on first use: make them all, so that those
    // read from the environment are recorded.
    for (const auto& [name, flag] : absl::GetAllFlags()) flag->DefaultValue();
    for (const std::string& name : KnownEnvironment())
      std::cout << name << "\n";
    std::exit(0);
  }
  // Blocked here, before gRPC starts its threads, so only sigwait sees them.
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  InitLogging(service);
  // Debian builds Abseil with assertions on, which makes every Mutex lock
  // walk a deadlock graph: a few percent of a busy proxy's time.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);

  ServerSettings s;
  s.listen = absl::GetFlag(FLAGS_listen);
  if (s.listen.empty()) s.listen = EnvOr("UNIONHUB_LISTEN", defaults.listen);
  absl::StatusOr<std::string> url = DatabaseUrl(defaults.database_url);
  if (!url.ok()) std::exit(Fail(url.status(), "no database URL"));
  s.database_url = *std::move(url);
  s.metrics_listen = absl::GetFlag(FLAGS_metrics_listen);
  if (s.metrics_listen.empty()) {
    s.metrics_listen =
        EnvOr("UNIONHUB_METRICS_LISTEN", defaults.metrics_listen);
  }
  if (s.metrics_listen == "none") s.metrics_listen.clear();
  auto positive = [](int flag, const char* env, int fallback) {
    if (flag > 0) return flag;
    int value = 0;
    return absl::SimpleAtoi(EnvOr(env, ""), &value) && value > 0 ? value
                                                                 : fallback;
  };
  s.executor.workers =
      positive(absl::GetFlag(FLAGS_workers), "UNIONHUB_WORKERS",
               DefaultWorkers(s.database_url));
  s.executor.max_queued =
      positive(absl::GetFlag(FLAGS_max_queued_calls),
               "UNIONHUB_MAX_QUEUED_CALLS", ExecutorOptions().max_queued);
  s.principal_public_keys_file =
      absl::GetFlag(FLAGS_principal_public_keys_file);
  s.signing_key_file = absl::GetFlag(FLAGS_signing_key_file);
  s.shutdown_grace_seconds = absl::GetFlag(FLAGS_shutdown_grace_seconds);
  return s;
}

absl::StatusOr<std::unique_ptr<sql::Database>> OpenAndMigrate(
    absl::string_view url, const std::vector<sql::Migration>& migrations) {
  ASSIGN_OR_RETURN(auto db, sql::Database::Open(url));
  RETURN_IF_ERROR(sql::Migrate(*db, migrations));
  return db;
}

absl::StatusOr<auth::PrincipalVerifier> LoadPrincipalVerifier(
    absl::string_view file) {
  std::string text = EnvOr("UNIONHUB_PRINCIPAL_PUBLIC_KEYS", "");
  if (text.empty()) {
    std::string path = EnvOr("UNIONHUB_PRINCIPAL_PUBLIC_KEYS_FILE", file);
    if (path.empty()) {
      return absl::NotFoundError(
          "no public keys: set --principal_public_keys_file or "
          "UNIONHUB_PRINCIPAL_PUBLIC_KEYS[_FILE]");
    }
    ASSIGN_OR_RETURN(text, ReadText(path));
  }
  return auth::PrincipalVerifier::Parse(text);
}

absl::StatusOr<auth::PrincipalSigner> LoadPrincipalSigner(
    absl::string_view file) {
  ASSIGN_OR_RETURN(std::string seed,
                   crypto::LoadSecret("UNIONHUB_SIGNING_KEY", file));
  ASSIGN_OR_RETURN(crypto::SigningKey key, crypto::SigningKey::FromSeed(seed));
  return auth::PrincipalSigner(std::move(key));
}

void AddPoolGauges(Metrics& metrics, sql::Database* db) {
  metrics.AddGauge("unionhub_database_connections_open",
                   "Database connections open, in use or idle.",
                   [db] { return db->pool_stats().open; });
  metrics.AddGauge("unionhub_database_connections_in_use",
                   "Database connections held by a transaction.",
                   [db] { return db->pool_stats().in_use; });
  metrics.AddGauge("unionhub_database_connections_max",
                   "Database connections the pool may open.",
                   [db] { return db->pool_stats().max; });
}

absl::StatusOr<std::unique_ptr<http::Server>> ServeMetrics(
    absl::string_view listen, Metrics* metrics, sql::Database* db) {
  if (listen.empty()) return nullptr;
  if (db != nullptr) AddPoolGauges(*metrics, db);
  http::ServerOptions options;
  if (!http::SplitHostPort(listen, &options.host, &options.port)) {
    return absl::InvalidArgumentError(
        absl::StrCat("metrics_listen: ", listen, " is not host:port"));
  }
  options.threads = 1;
  options.max_connections = 64;
  options.max_connections_per_address = 16;
  options.max_body_bytes = 0;
  return http::Server::Start(
      options, [metrics](http::Request request, http::Respond respond) {
        http::Response response;
        if (request.path != "/metrics") {
          response.status = 404;
          response.SetContent("only /metrics is here\n", "text/plain");
        } else if (request.method != "GET") {
          response.status = 405;
          response.SetContent("GET /metrics\n", "text/plain");
        } else {
          response.SetContent(metrics->Render(),
                              "text/plain; version=0.0.4; charset=utf-8");
        }
        respond(std::move(response));
      });
}

absl::StatusOr<std::unique_ptr<Server>> Server::Start(
    absl::string_view listen, const std::vector<grpc::Service*>& services,
    sql::Database* db, int max_receive_message_bytes) {
  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  std::unique_ptr<Server> s(new Server);
  s->db_ = db;
  grpc::ServerBuilder builder;
  builder.AddListeningPort(std::string(listen),
                           grpc::InsecureServerCredentials(), &s->port_);
  // A second process on the same port must fail to start, not share it.
  builder.AddChannelArgument(GRPC_ARG_ALLOW_REUSEPORT, 0);
  // The gateway PINGs a connection that has been silent for 10 s to tell a
  // wedged service from an idle one; gRPC would call that abuse.
  builder.AddChannelArgument(
      GRPC_ARG_HTTP2_MIN_RECV_PING_INTERVAL_WITHOUT_DATA_MS, 5000);
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_PERMIT_WITHOUT_CALLS, 1);
  // The gateway forwards up to 16 KiB of a caller's metadata plus the
  // principal; gRPC's default (8 KiB) would refuse some of it.
  builder.AddChannelArgument(GRPC_ARG_MAX_METADATA_SIZE, 32 << 10);
  for (grpc::Service* service : services) builder.RegisterService(service);
  if (max_receive_message_bytes > 0)
    builder.SetMaxReceiveMessageSize(max_receive_message_bytes);
  std::vector<
      std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>>
      interceptors;
  interceptors.push_back(
      std::make_unique<MalformedRequestInterceptorFactory>());
  builder.experimental().SetInterceptorCreators(std::move(interceptors));
  s->server_ = builder.BuildAndStart();
  if (!s->server_ || s->port_ == 0) {
    return absl::UnavailableError(absl::StrCat("cannot listen on ", listen));
  }
  s->readiness_ = std::thread([raw = s.get()] { raw->WatchReadiness(); });
  return s;
}

void Server::WatchReadiness() {
  bool last = false, first = true;
  std::unique_lock<std::mutex> lock(mu_);
  while (!stopping_) {
    lock.unlock();
    bool ready = db_ == nullptr || db_->Ping().ok();
    lock.lock();
    if (stopping_) break;
    if (ready != last || first) {
      server_->GetHealthCheckService()->SetServingStatus(ready);
      server_->GetHealthCheckService()->SetServingStatus(kLivenessService,
                                                         true);
      serving_ = ready;
      LogEvent(ready ? "info" : "warn",
               ready ? "database ready" : "database not ready");
      last = ready;
      first = false;
    }
    stop_cv_.wait_for(lock, absl::ToChronoSeconds(kReadinessInterval));
  }
}

void Server::Shutdown(absl::Duration grace) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stopping_.exchange(true)) return;
    server_->GetHealthCheckService()->SetServingStatus(false);
    serving_ = false;
  }
  stop_cv_.notify_all();
  if (readiness_.joinable()) readiness_.join();
  server_->Shutdown(std::chrono::system_clock::now() +
                    absl::ToChronoSeconds(grace));
  server_->Wait();
}

int Fail(const absl::Status& status, absl::string_view what) {
  LogEvent("error", what, {{"error", std::string(status.message())}});
  return 1;
}

void AwaitTerminationSignal() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  int signal = 0;
  sigwait(&set, &signal);
  LogEvent("info", "shutting down", {{"signal", std::to_string(signal)}});
}

void Server::WaitForTerminationSignal(absl::Duration grace) {
  AwaitTerminationSignal();
  Shutdown(grace);
}

Server::~Server() { Shutdown(absl::ZeroDuration()); }

}  // namespace unionhub::rpc
