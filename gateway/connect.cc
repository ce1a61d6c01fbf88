#include "gateway/connect.h"

#include <google/protobuf/dynamic_message.h>
#include <google/protobuf/util/json_util.h>
#include <httplib.h>
#include <sys/socket.h>

#include <cstring>
#include <optional>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "google/rpc/status.pb.h"
#include "libs/rpc/log.h"

namespace unionhub::gateway {
namespace {

using google::protobuf::Message;

constexpr char kJson[] = "application/json";
constexpr char kProto[] = "application/proto";

// HTTP headers that are about the HTTP exchange itself, not call metadata.
bool IsHttpOnlyHeader(absl::string_view key) {
  static const auto* kHeaders = new absl::flat_hash_set<absl::string_view>{
      "accept",      "accept-language",  "accept-charset",
      "origin",      "referer",          "cookie",
      "keep-alive",  "cache-control",    "pragma",
      "dnt",         "upgrade",          "priority",
      "remote_addr", "remote_port",      "local_addr",
      "local_port",  "transfer-encoding"};
  return kHeaders->contains(key) || absl::StartsWith(key, "sec-") ||
         absl::StartsWith(key, "connect-") ||
         absl::StartsWith(key, "access-control-") ||
         absl::StartsWith(key, "proxy-");
}

std::string ConnectCodeName(grpc::StatusCode code) {
  if (code == grpc::StatusCode::CANCELLED) return "canceled";
  return absl::AsciiStrToLower(CodeName(code));
}

// The message of `type`, for parsing and printing JSON.
std::unique_ptr<Message> NewMessage(const google::protobuf::Descriptor* type) {
  return std::unique_ptr<Message>(
      google::protobuf::MessageFactory::generated_factory()
          ->GetPrototype(type)
          ->New());
}

std::string ToJson(const Message& message) {
  std::string out;
  google::protobuf::util::JsonPrintOptions options;
  if (!google::protobuf::util::MessageToJsonString(message, &out, options).ok())
    return "{}";
  return out;
}

// gRPC metadata values of "-bin" keys are bytes; over HTTP they are base64.
std::string HeaderValue(absl::string_view key, absl::string_view value) {
  if (absl::EndsWith(key, "-bin")) {
    std::string encoded = absl::Base64Escape(value);
    while (!encoded.empty() && encoded.back() == '=') encoded.pop_back();
    return encoded;
  }
  return std::string(value);
}

class Handler {
 public:
  // One per request (it holds the request's state); the rest is the
  // server's.
  Handler(Routes* routes, FrontDoor* door, grpc::GenericStub* stub,
          const std::vector<std::string>* cors_origins, CallRegistry* calls)
      : routes_(routes),
        door_(door),
        stub_(stub),
        cors_origins_(*cors_origins),
        calls_(calls) {}

  void Call(const httplib::Request& req, httplib::Response& res) {
    absl::Time start = absl::Now();
    AllowOrigin(req, res);
    Admitted seen;  // Only for logging the calls refused here.
    grpc::Status status = Forward(req, res, seen);
    if (!status.ok()) {
      res.status =
          http_status_ ? http_status_ : HttpStatusOf(status.error_code());
      res.set_content(ConnectErrorJson(status), kJson);
    }
    if (refused_here_)
      door_->Record(req.path, &seen, status, start, /*refused=*/true);
  }

  void Preflight(const httplib::Request& req, httplib::Response& res) {
    if (!AllowOrigin(req, res)) {
      res.status = 403;
      return;
    }
    res.status = 204;
    res.set_header("Access-Control-Allow-Methods", "POST, OPTIONS");
    std::string asked = req.get_header_value("Access-Control-Request-Headers");
    res.set_header("Access-Control-Allow-Headers",
                   asked.empty()
                       ? "authorization, content-type, "
                         "connect-protocol-version, connect-timeout-ms"
                       : asked);
    res.set_header("Access-Control-Max-Age", "7200");
  }

 private:
  // True when the request's origin may call; sets the CORS answer headers.
  bool AllowOrigin(const httplib::Request& req, httplib::Response& res) {
    std::string origin = req.get_header_value("Origin");
    if (origin.empty()) return false;
    for (const std::string& allowed : cors_origins_) {
      if (allowed == "*" || allowed == origin) {
        res.set_header("Access-Control-Allow-Origin", origin);
        res.set_header("Vary", "Origin");
        res.set_header("Access-Control-Expose-Headers", "*");
        return true;
      }
    }
    return false;
  }

  grpc::Status Refuse(grpc::StatusCode code, std::string message) {
    refused_here_ = true;
    return grpc::Status(code, std::move(message));
  }

  grpc::Status Forward(const httplib::Request& req, httplib::Response& res,
                       Admitted& seen) {
    absl::StatusOr<const Route*> route = routes_->Find(req.path);
    if (!route.ok()) {
      return Refuse(static_cast<grpc::StatusCode>(route.status().code()),
                    std::string(route.status().message()));
    }
    seen.route = *route;
    const google::protobuf::MethodDescriptor* method = (*route)->method;
    if (!(*route)->unary()) {
      return Refuse(
          grpc::StatusCode::UNIMPLEMENTED,
          absl::StrCat(method->name(), " streams: call it over gRPC"));
    }
    std::string header = req.get_header_value("Content-Type");
    std::string content_type = absl::AsciiStrToLower(absl::StripAsciiWhitespace(
        absl::string_view(header).substr(0, header.find(';'))));
    bool json = content_type == kJson;
    if (!json && content_type != kProto) {
      http_status_ = 415;  // As the protocol asks.
      return Refuse(grpc::StatusCode::INVALID_ARGUMENT,
                    "Content-Type must be application/json or "
                    "application/proto");
    }

    grpc::ClientContext context;
    for (const auto& [name, value] : req.headers) {
      std::string key = absl::AsciiStrToLower(name);
      if (key != "authorization" &&
          (!ForwardsMetadata(key) || IsHttpOnlyHeader(key)))
        continue;
      if (absl::EndsWith(key, "-bin")) {
        std::string bytes;
        if (!absl::Base64Unescape(value, &bytes)) {
          return Refuse(grpc::StatusCode::INVALID_ARGUMENT,
                        absl::StrCat("header ", key, " is not base64"));
        }
        context.AddMetadata(key, bytes);
      } else {
        context.AddMetadata(key, value);
      }
    }
    // Every call has a deadline: the caller's, within the gateway's bounds.
    std::optional<absl::Duration> asked;
    std::string timeout = req.get_header_value("Connect-Timeout-Ms");
    if (!timeout.empty()) {
      int64_t ms = 0;
      if (timeout.size() > 10 || !absl::SimpleAtoi(timeout, &ms) || ms <= 0) {
        return Refuse(grpc::StatusCode::INVALID_ARGUMENT,
                      "Connect-Timeout-Ms must be a positive integer of at "
                      "most 10 digits");
      }
      asked = absl::Milliseconds(ms);
    }
    context.set_deadline(
        absl::ToChronoTime(absl::Now() + door_->BackendTimeout(asked)));

    std::string body;
    if (json) {
      std::unique_ptr<Message> request = NewMessage(method->input_type());
      google::protobuf::util::JsonParseOptions options;
      auto parsed = google::protobuf::util::JsonStringToMessage(
          req.body.empty() ? "{}" : req.body, request.get(), options);
      if (!parsed.ok()) {
        return Refuse(grpc::StatusCode::INVALID_ARGUMENT,
                      absl::StrCat("malformed JSON for ",
                                   method->input_type()->full_name(), ": ",
                                   std::string(parsed.message())));
      }
      body = request->SerializeAsString();
    } else {
      body = req.body;
    }

    grpc::Slice slice(body);
    grpc::ByteBuffer request_bytes(&slice, 1);
    grpc::ByteBuffer response_bytes;
    grpc::Status status;
    absl::Notification done;
    CallRegistry::Entry registered(calls_, &context);
    stub_->UnaryCall(&context, (*route)->path, grpc::StubOptions(),
                     &request_bytes, &response_bytes, [&](grpc::Status s) {
                       status = std::move(s);
                       done.Notify();
                     });
    done.WaitForNotification();

    for (const auto& [key, value] : context.GetServerInitialMetadata()) {
      absl::string_view k(key.data(), key.size());
      if (ForwardsMetadata(k))
        res.set_header(
            std::string(k),
            HeaderValue(k, absl::string_view(value.data(), value.size())));
    }
    for (const auto& [key, value] : context.GetServerTrailingMetadata()) {
      absl::string_view k(key.data(), key.size());
      if (ForwardsMetadata(k))
        res.set_header(
            absl::StrCat("trailer-", k),
            HeaderValue(k, absl::string_view(value.data(), value.size())));
    }
    if (!status.ok()) return status;

    std::vector<grpc::Slice> slices;
    std::string bytes;
    if (response_bytes.Dump(&slices).ok()) {
      for (const grpc::Slice& s : slices)
        bytes.append(reinterpret_cast<const char*>(s.begin()), s.size());
    }
    res.status = 200;
    if (!json) {
      res.set_content(bytes, kProto);
      return grpc::Status::OK;
    }
    std::unique_ptr<Message> response = NewMessage(method->output_type());
    if (!response->ParseFromString(bytes))
      return grpc::Status(grpc::StatusCode::INTERNAL, "unreadable response");
    res.set_content(ToJson(*response), kJson);
    return grpc::Status::OK;
  }

  Routes* routes_;
  FrontDoor* door_;
  grpc::GenericStub* stub_;
  const std::vector<std::string>& cors_origins_;
  CallRegistry* calls_;
  // Calls that reached the gateway's gRPC server were logged there already.
  bool refused_here_ = false;
  int http_status_ = 0;  // When the code's usual HTTP status does not fit.
};

}  // namespace

int HttpStatusOf(grpc::StatusCode code) {
  switch (code) {
    case grpc::StatusCode::OK:
      return 200;
    case grpc::StatusCode::CANCELLED:
      return 499;
    case grpc::StatusCode::INVALID_ARGUMENT:
    case grpc::StatusCode::FAILED_PRECONDITION:
    case grpc::StatusCode::OUT_OF_RANGE:
      return 400;
    case grpc::StatusCode::DEADLINE_EXCEEDED:
      return 504;
    case grpc::StatusCode::NOT_FOUND:
      return 404;
    case grpc::StatusCode::ALREADY_EXISTS:
    case grpc::StatusCode::ABORTED:
      return 409;
    case grpc::StatusCode::PERMISSION_DENIED:
      return 403;
    case grpc::StatusCode::RESOURCE_EXHAUSTED:
      return 429;
    case grpc::StatusCode::UNIMPLEMENTED:
      return 501;
    case grpc::StatusCode::UNAVAILABLE:
      return 503;
    case grpc::StatusCode::UNAUTHENTICATED:
      return 401;
    default:  // UNKNOWN, INTERNAL, DATA_LOSS.
      return 500;
  }
}

std::string ConnectErrorJson(const grpc::Status& status) {
  std::string out = absl::StrCat(
      "{\"code\":\"", ConnectCodeName(status.error_code()), "\",\"message\":\"",
      rpc::JsonEscape(status.error_message()), "\"");
  google::rpc::Status details;
  if (!status.error_details().empty() &&
      details.ParseFromString(status.error_details()) &&
      details.details_size() > 0) {
    std::vector<std::string> items;
    for (const google::protobuf::Any& any : details.details()) {
      std::string type = any.type_url().substr(any.type_url().rfind('/') + 1);
      std::string value = absl::Base64Escape(any.value());
      while (!value.empty() && value.back() == '=') value.pop_back();
      std::string item = absl::StrCat("{\"type\":\"", rpc::JsonEscape(type),
                                      "\",\"value\":\"", value, "\"");
      const google::protobuf::Descriptor* descriptor =
          google::protobuf::DescriptorPool::generated_pool()
              ->FindMessageTypeByName(type);
      if (descriptor != nullptr) {
        std::unique_ptr<Message> message = NewMessage(descriptor);
        if (message->ParseFromString(any.value()))
          absl::StrAppend(&item, ",\"debug\":", ToJson(*message));
      }
      items.push_back(item + "}");
    }
    absl::StrAppend(&out, ",\"details\":[", absl::StrJoin(items, ","), "]");
  }
  return out + "}";
}

absl::StatusOr<std::unique_ptr<ConnectServer>> ConnectServer::Start(
    ConnectOptions options, Routes* routes, FrontDoor* door, Metrics* metrics,
    std::shared_ptr<grpc::Channel> channel,
    std::function<bool(std::string* why)> ready,
    std::function<std::string()> more_metrics) {
  std::unique_ptr<ConnectServer> server(new ConnectServer());
  server->stub_ = std::make_unique<grpc::GenericStub>(std::move(channel));
  server->http_ = std::make_unique<httplib::Server>();
  httplib::Server& http = *server->http_;
  int threads = options.threads;
  http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  http.set_keep_alive_max_count(100000);
  http.set_payload_max_length(options.max_request_bytes);
  http.set_tcp_nodelay(true);

  grpc::GenericStub* stub = server->stub_.get();
  server->cors_origins_ = options.cors_origins;
  const std::vector<std::string>* origins = &server->cors_origins_;
  CallRegistry* calls = &server->calls_;
  const std::string kMethodPath = R"(/[A-Za-z0-9_.]+/[A-Za-z0-9_]+)";
  http.Post(kMethodPath,
            [=](const httplib::Request& req, httplib::Response& res) {
              Handler(routes, door, stub, origins, calls).Call(req, res);
            });
  http.Options(
      kMethodPath, [=](const httplib::Request& req, httplib::Response& res) {
        Handler(routes, door, stub, origins, calls).Preflight(req, res);
      });
  http.Get("/metrics", [metrics, more_metrics](const httplib::Request&,
                                               httplib::Response& res) {
    res.set_content(metrics->Render() + more_metrics(),
                    "text/plain; version=0.0.4");
  });
  // Readiness: 503 with the reasons when the gateway cannot serve (a backend
  // it cannot reach, a wedged event loop, shutting down).
  http.Get(
      "/healthz", [ready](const httplib::Request&, httplib::Response& res) {
        std::string why;
        bool up = ready(&why);
        res.status = up ? 200 : 503;
        res.set_content(up ? "serving\n" : "not serving\n" + why, "text/plain");
      });
  // Errors the HTTP layer raises itself (no such path, body too large) get a
  // Connect error body too.
  http.set_error_handler(httplib::Server::HandlerWithResponse(
      [](const httplib::Request&, httplib::Response& res) {
        if (!res.body.empty())
          return httplib::Server::HandlerResponse::Unhandled;
        grpc::StatusCode code = grpc::StatusCode::UNIMPLEMENTED;
        std::string message =
            "not a Connect method path: POST /<package>.<Service>/<Method>";
        if (res.status == 413) {
          code = grpc::StatusCode::RESOURCE_EXHAUSTED;
          message = "request body too large";
        } else if (res.status == 400) {
          code = grpc::StatusCode::INVALID_ARGUMENT;
          message = "malformed HTTP request";
        }
        res.set_content(ConnectErrorJson(grpc::Status(code, message)), kJson);
        return httplib::Server::HandlerResponse::Handled;
      }));

  int listener = -1;
  http.set_socket_options([&listener](socket_t fd) {
    int yes = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    listener = fd;
  });
  server->port_ =
      options.port == 0
          ? http.bind_to_any_port(options.host)
          : (http.bind_to_port(options.host, options.port) ? options.port : -1);
  if (server->port_ <= 0) {
    return absl::UnavailableError(absl::StrCat("cannot listen for HTTP on ",
                                               options.host, ":", options.port,
                                               ": ", std::strerror(errno)));
  }
  // Debian's cpp-httplib listens with a backlog of 5, which drops bursts of
  // new connections (dashboards opening at once): listening again only
  // enlarges the queue.
  if (listener >= 0) ::listen(listener, SOMAXCONN);
  server->thread_ = std::thread([&http] { http.listen_after_bind(); });
  return server;
}

void CallRegistry::Add(grpc::ClientContext* context) {
  absl::MutexLock lock(&mu_);
  if (cancelled_) context->TryCancel();
  calls_.insert(context);
}

void CallRegistry::Remove(grpc::ClientContext* context) {
  absl::MutexLock lock(&mu_);
  calls_.erase(context);
}

void CallRegistry::CancelAll() {
  absl::MutexLock lock(&mu_);
  cancelled_ = true;
  for (grpc::ClientContext* context : calls_) context->TryCancel();
}

void ConnectServer::Stop(absl::Duration grace) {
  // Requests in flight finish within `grace`; then they are cancelled.
  absl::Notification stopped;
  std::thread canceller([&] {
    if (!stopped.WaitForNotificationWithTimeout(grace)) calls_.CancelAll();
  });
  if (http_) http_->stop();
  if (thread_.joinable()) thread_.join();
  stopped.Notify();
  canceller.join();
}

ConnectServer::~ConnectServer() { Stop(absl::ZeroDuration()); }

}  // namespace unionhub::gateway
