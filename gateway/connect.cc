#include "gateway/connect.h"

#include <algorithm>
#include <optional>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gateway/connect_json.h"
#include "google/rpc/status.pb.h"
#include "libs/rpc/log.h"
#include "libs/rpc/status.h"

namespace unionhub::gateway {
namespace {

constexpr char kJson[] = "application/json";
constexpr char kProto[] = "application/proto";
// Streaming calls' content types: enveloped messages.
constexpr char kStreamJson[] = "application/connect+json";
constexpr char kStreamProto[] = "application/connect+proto";
// Envelope flags: the message is compressed; the end-of-stream message.
constexpr uint8_t kCompressedFlag = 0x01;
constexpr uint8_t kEndStreamFlag = 0x02;

// HTTP headers that are about the HTTP exchange itself, not call metadata.
bool IsHttpOnlyHeader(absl::string_view key) {
  static const auto* kHeaders = new absl::flat_hash_set<absl::string_view>{
      "accept",     "accept-language",  "accept-charset",
      "origin",     "referer",          "cookie",
      "keep-alive", "cache-control",    "pragma",
      "dnt",        "upgrade",          "priority",
      "expect",     "transfer-encoding"};
  return kHeaders->contains(key) || absl::StartsWith(key, "sec-") ||
         absl::StartsWith(key, "connect-") ||
         absl::StartsWith(key, "access-control-") ||
         absl::StartsWith(key, "proxy-");
}

std::string ConnectCodeName(grpc::StatusCode code) {
  if (code == grpc::StatusCode::CANCELLED) return "canceled";
  return absl::AsciiStrToLower(rpc::CodeName(code));
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

// One Connect request on its way: its gRPC call and what goes back.
struct ConnectCall {
  absl::Time start = absl::Now();
  const Route* route = nullptr;
  bool json = true;
  bool streaming = false;  // A server-streaming method.
  grpc::ClientContext context;
  grpc::ByteBuffer request;
  grpc::ByteBuffer response;
  http::Response answer;  // Its CORS headers, until the call ends.
};

void AppendEnvelope(uint8_t flags, absl::string_view message,
                    std::string* out) {
  const uint32_t n = static_cast<uint32_t>(message.size());
  out->push_back(static_cast<char>(flags));
  for (int shift = 24; shift >= 0; shift -= 8)
    out->push_back(static_cast<char>((n >> shift) & 0xff));
  out->append(message.data(), message.size());
}

// The one message of a streaming request's body.
absl::StatusOr<std::string> OnlyEnvelope(absl::string_view body) {
  if (body.size() < 5) {
    return absl::InvalidArgumentError(
        "a streaming request's body is one enveloped message");
  }
  const uint8_t flags = static_cast<uint8_t>(body[0]);
  uint32_t n = 0;
  for (int i = 1; i <= 4; ++i) n = (n << 8) | static_cast<uint8_t>(body[i]);
  if (flags & kCompressedFlag) {
    return absl::InvalidArgumentError("compressed messages are not accepted");
  }
  if (flags != 0 || n != body.size() - 5) {
    return absl::InvalidArgumentError(
        "a streaming request's body is one enveloped message");
  }
  return std::string(body.substr(5));
}

// The backend's metadata a caller may see, as headers named `prefix` + key.
void CopyMetadata(
    const std::multimap<grpc::string_ref, grpc::string_ref>& metadata,
    absl::string_view prefix, http::Response* res) {
  for (const auto& [key, value] : metadata) {
    absl::string_view k(key.data(), key.size());
    if (ForwardsMetadata(k))
      res->SetHeader(
          absl::StrCat(prefix, k),
          HeaderValue(k, absl::string_view(value.data(), value.size())));
  }
}

std::string ByteBufferBytes(const grpc::ByteBuffer& buffer) {
  std::vector<grpc::Slice> slices;
  std::string bytes;
  if (buffer.Dump(&slices).ok()) {
    for (const grpc::Slice& s : slices)
      bytes.append(reinterpret_cast<const char*>(s.begin()), s.size());
  }
  return bytes;
}

// The Connect end-of-stream message: the error, if any, and the trailers.
std::string EndOfStream(const grpc::Status& status,
                        const grpc::ClientContext& context) {
  std::vector<std::string> metadata;
  for (const auto& [key, value] : context.GetServerTrailingMetadata()) {
    absl::string_view k(key.data(), key.size());
    if (!ForwardsMetadata(k)) continue;
    metadata.push_back(
        absl::StrCat("\"", rpc::JsonEscape(k), "\":[\"",
                     rpc::JsonEscape(HeaderValue(
                         k, absl::string_view(value.data(), value.size()))),
                     "\"]"));
  }
  std::string out = "{";
  if (!status.ok())
    absl::StrAppend(&out, "\"error\":", ConnectErrorJson(status));
  if (!metadata.empty()) {
    absl::StrAppend(&out, status.ok() ? "" : ",", "\"metadata\":{",
                    absl::StrJoin(metadata, ","), "}");
  }
  return out + "}";
}

// A server-streaming call made for a Connect streaming request. The HTTP
// server answers each request whole, so the messages are gathered (up to
// `max_bytes`, past which the call is cancelled: RESOURCE_EXHAUSTED) and
// answered together, enveloped, with the end-of-stream message last.
class ServerStream final
    : public grpc::ClientBidiReactor<grpc::ByteBuffer, grpc::ByteBuffer> {
 public:
  ServerStream(std::unique_ptr<ConnectCall> call, http::Respond respond,
               CallRegistry* calls, size_t max_bytes)
      : call_(std::move(call)),
        respond_(std::move(respond)),
        calls_(calls),
        max_bytes_(max_bytes) {}

  void Start(grpc::GenericStub* stub) {
    calls_->Add(&call_->context);
    stub->PrepareBidiStreamingCall(&call_->context, call_->route->path,
                                   grpc::StubOptions(), this);
    StartWriteLast(&call_->request, grpc::WriteOptions());
    StartRead(&incoming_);
    StartCall();
  }

  void OnReadDone(bool ok) override {
    if (!ok) return;  // The stream ended; OnDone follows.
    std::string bytes = ByteBufferBytes(incoming_);
    if (call_->json) {
      absl::StatusOr<std::string> json =
          BinaryToJson(call_->route->method->output_type(), bytes);
      if (!json.ok()) {
        failure_ =
            grpc::Status(grpc::StatusCode::INTERNAL, "unreadable response");
        call_->context.TryCancel();
        return;
      }
      bytes = *std::move(json);
    }
    if (body_.size() + bytes.size() + 5 > max_bytes_) {
      failure_ = grpc::Status(grpc::StatusCode::RESOURCE_EXHAUSTED,
                              absl::StrCat("the answer is over ", max_bytes_,
                                           " bytes: call it over gRPC"));
      call_->context.TryCancel();
      return;
    }
    AppendEnvelope(0, bytes, &body_);
    StartRead(&incoming_);
  }

  void OnDone(const grpc::Status& status) override {
    http::Response res = std::move(call_->answer);
    res.status = 200;  // Streams carry their outcome in the last message.
    CopyMetadata(call_->context.GetServerInitialMetadata(), "", &res);
    AppendEnvelope(
        kEndStreamFlag,
        EndOfStream(failure_.ok() ? status : failure_, call_->context), &body_);
    res.SetContent(std::move(body_), call_->json ? kStreamJson : kStreamProto);
    respond_(std::move(res));
    calls_->Remove(&call_->context);
    delete this;
  }

 private:
  std::unique_ptr<ConnectCall> call_;
  http::Respond respond_;
  CallRegistry* calls_;
  const size_t max_bytes_;
  grpc::ByteBuffer incoming_;
  std::string body_;
  grpc::Status failure_;  // Set when the gateway ended the call itself.
};

// A Connect error answer, keeping the headers already in `res`.
http::Response ConnectError(const grpc::Status& status,
                            http::Response res = {}) {
  res.status = HttpStatusOf(status.error_code());
  res.SetContent(ConnectErrorJson(status), kJson);
  return res;
}

}  // namespace

// Routes the HTTP requests; Connect calls become asynchronous gRPC calls,
// so no thread waits for one.
class ConnectServer::Handler {
 public:
  Handler(Routes* routes, FrontDoor* door, rpc::Metrics* metrics,
          grpc::GenericStub* stub, std::vector<std::string> cors_origins,
          size_t max_stream_bytes, CallRegistry* calls,
          std::function<bool(std::string*)> ready,
          std::function<std::string()> more_metrics)
      : routes_(routes),
        door_(door),
        metrics_(metrics),
        stub_(stub),
        cors_origins_(std::move(cors_origins)),
        max_stream_bytes_(max_stream_bytes),
        calls_(calls),
        ready_(std::move(ready)),
        more_metrics_(std::move(more_metrics)) {}

  void set_http(http::Server* http) { http_ = http; }

  void Handle(http::Request req, http::Respond respond) {
    if (req.path == "/metrics" && req.method == "GET") {
      http::Response res;
      res.SetContent(metrics_->Render() + more_metrics_() + HttpMetrics(),
                     "text/plain; version=0.0.4");
      return respond(std::move(res));
    }
    // Readiness: 503 with the reasons when the gateway cannot serve (a
    // backend it cannot reach, a wedged event loop, shutting down).
    if (req.path == "/healthz" && req.method == "GET") {
      std::string why;
      bool up = ready_(&why);
      http::Response res;
      res.status = up ? 200 : 503;
      res.SetContent(up ? "serving\n" : "not serving\n" + why, "text/plain");
      return respond(std::move(res));
    }
    if (!IsMethodPath(req.path)) {
      return respond(ConnectError(grpc::Status(
          grpc::StatusCode::NOT_FOUND,
          "not a Connect method path: POST /<package>.<Service>/<Method>")));
    }
    if (req.method == "OPTIONS") return respond(Preflight(req));
    if (req.method != "POST") {
      http::Response res = ConnectError(grpc::Status(
          grpc::StatusCode::UNIMPLEMENTED, "Connect methods take POST"));
      res.status = 405;
      res.SetHeader("Allow", "POST, OPTIONS");
      return respond(std::move(res));
    }
    Call(std::move(req), std::move(respond));
  }

 private:
  static bool IsMethodPath(absl::string_view path) {
    std::vector<absl::string_view> parts = absl::StrSplit(path, '/');
    auto name = [](absl::string_view s) {
      return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
        return absl::ascii_isalnum(c) || c == '_' || c == '.';
      });
    };
    return parts.size() == 3 && parts[0].empty() && name(parts[1]) &&
           name(parts[2]);
  }

  void Call(http::Request req, http::Respond respond) {
    auto call = std::make_unique<ConnectCall>();
    AllowOrigin(req, call->answer);
    int http_status = 0;  // When the code's usual HTTP status does not fit.
    grpc::Status refused = Prepare(req, *call, &http_status);
    if (!refused.ok()) {
      Admitted seen;  // Only for logging the calls refused here.
      seen.route = call->route;
      door_->Record(req.path, &seen, refused, call->start, /*refused=*/true);
      http::Response res = ConnectError(refused, std::move(call->answer));
      if (http_status != 0) res.status = http_status;
      return respond(std::move(res));
    }
    // Calls that reach the gateway's gRPC front are logged there.
    if (call->streaming) {
      (new ServerStream(std::move(call), std::move(respond), calls_,
                        max_stream_bytes_))
          ->Start(stub_);
      return;
    }
    ConnectCall* raw = call.release();
    calls_->Add(&raw->context);
    stub_->UnaryCall(&raw->context, raw->route->path, grpc::StubOptions(),
                     &raw->request, &raw->response,
                     [this, raw, respond](grpc::Status status) {
                       std::unique_ptr<ConnectCall> done(raw);
                       respond(Answer(*done, status));
                       calls_->Remove(&done->context);
                     });
  }

  http::Response Preflight(const http::Request& req) {
    http::Response res;
    if (!AllowOrigin(req, res)) {
      res.status = 403;
      return res;
    }
    res.status = 204;
    res.SetHeader("Access-Control-Allow-Methods", "POST, OPTIONS");
    std::string asked = req.Header("access-control-request-headers");
    res.SetHeader("Access-Control-Allow-Headers",
                  asked.empty() ? "authorization, content-type, "
                                  "connect-protocol-version, connect-timeout-ms"
                                : asked);
    res.SetHeader("Access-Control-Max-Age", "7200");
    return res;
  }

  // True when the request's origin may call; sets the CORS answer headers.
  bool AllowOrigin(const http::Request& req, http::Response& res) {
    std::string origin = req.Header("origin");
    if (origin.empty()) return false;
    for (const std::string& allowed : cors_origins_) {
      if (allowed == "*" || allowed == origin) {
        res.SetHeader("Access-Control-Allow-Origin", origin);
        res.SetHeader("Vary", "Origin");
        res.SetHeader("Access-Control-Expose-Headers", "*");
        return true;
      }
    }
    return false;
  }

  // Checks the request and makes its gRPC call ready; an error refuses it.
  grpc::Status Prepare(const http::Request& req, ConnectCall& call,
                       int* http_status) {
    absl::StatusOr<const Route*> route = routes_->Find(req.path);
    if (!route.ok()) {
      return grpc::Status(static_cast<grpc::StatusCode>(route.status().code()),
                          std::string(route.status().message()));
    }
    call.route = *route;
    const google::protobuf::MethodDescriptor* method = call.route->method;
    call.streaming = method->server_streaming() && !method->client_streaming();
    if (!call.route->unary() && !call.streaming) {
      return grpc::Status(
          grpc::StatusCode::UNIMPLEMENTED,
          absl::StrCat(method->name(),
                       " streams both ways: call it over gRPC"));
    }
    std::string header = req.Header("content-type");
    std::string content_type = absl::AsciiStrToLower(absl::StripAsciiWhitespace(
        absl::string_view(header).substr(0, header.find(';'))));
    call.json = content_type == (call.streaming ? kStreamJson : kJson);
    if (!call.json &&
        content_type != (call.streaming ? kStreamProto : kProto)) {
      *http_status = 415;  // As the protocol asks.
      return grpc::Status(
          grpc::StatusCode::INVALID_ARGUMENT,
          call.streaming ? "Content-Type must be application/connect+json or "
                           "application/connect+proto for a streaming method"
                         : "Content-Type must be application/json or "
                           "application/proto");
    }

    for (const auto& [key, value] : req.headers) {
      if (key != "authorization" &&
          (!ForwardsMetadata(key) || IsHttpOnlyHeader(key)))
        continue;
      if (absl::EndsWith(key, "-bin")) {
        std::string bytes;
        if (!absl::Base64Unescape(value, &bytes)) {
          return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                              absl::StrCat("header ", key, " is not base64"));
        }
        call.context.AddMetadata(key, bytes);
      } else {
        call.context.AddMetadata(key, value);
      }
    }
    // Every call has a deadline: the caller's, within the gateway's bounds.
    std::optional<absl::Duration> asked;
    std::string timeout = req.Header("connect-timeout-ms");
    if (!timeout.empty()) {
      int64_t ms = 0;
      if (timeout.size() > 10 || !absl::SimpleAtoi(timeout, &ms) || ms <= 0) {
        return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                            "Connect-Timeout-Ms must be a positive integer of "
                            "at most 10 digits");
      }
      asked = absl::Milliseconds(ms);
    }
    call.context.set_deadline(
        absl::ToChronoTime(absl::Now() + door_->BackendTimeout(asked)));
    // The front is this process: wait (within the deadline) for the channel
    // to reconnect rather than fail at once.
    call.context.set_wait_for_ready(true);

    std::string body = req.body;
    if (call.streaming) {
      absl::StatusOr<std::string> message = OnlyEnvelope(req.body);
      if (!message.ok()) {
        return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                            std::string(message.status().message()));
      }
      body = *std::move(message);
    }
    if (call.json) {
      absl::StatusOr<std::string> binary =
          JsonToBinary(method->input_type(), body);
      if (!binary.ok()) {
        return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                            std::string(binary.status().message()));
      }
      body = *std::move(binary);
    }
    grpc::Slice slice(body);
    call.request = grpc::ByteBuffer(&slice, 1);
    return grpc::Status::OK;
  }

  // The HTTP answer to a finished call.
  http::Response Answer(ConnectCall& call, const grpc::Status& status) {
    http::Response res = std::move(call.answer);
    CopyMetadata(call.context.GetServerInitialMetadata(), "", &res);
    CopyMetadata(call.context.GetServerTrailingMetadata(), "trailer-", &res);
    if (!status.ok()) return ConnectError(status, std::move(res));

    std::string bytes = ByteBufferBytes(call.response);
    res.status = 200;
    if (!call.json) {
      res.SetContent(std::move(bytes), kProto);
      return res;
    }
    absl::StatusOr<std::string> json =
        BinaryToJson(call.route->method->output_type(), bytes);
    if (!json.ok()) {
      return ConnectError(
          grpc::Status(grpc::StatusCode::INTERNAL, "unreadable response"),
          std::move(res));
    }
    res.SetContent(*std::move(json), kJson);
    return res;
  }

  std::string HttpMetrics() const {
    if (http_ == nullptr) return "";
    http::ServerStats s = http_->Stats();
    return absl::StrCat(
        "# HELP unionhub_gateway_http_connections HTTP/1.1 connections open.\n"
        "# TYPE unionhub_gateway_http_connections gauge\n"
        "unionhub_gateway_http_connections ",
        s.connections,
        "\n# HELP unionhub_gateway_http_refused_connections_total HTTP/1.1 "
        "connections closed at once: over the per-address cap.\n"
        "# TYPE unionhub_gateway_http_refused_connections_total counter\n"
        "unionhub_gateway_http_refused_connections_total ",
        s.refused_connections,
        "\n# HELP unionhub_gateway_http_evicted_connections_total Idle "
        "HTTP/1.1 "
        "connections closed to make room for new ones.\n"
        "# TYPE unionhub_gateway_http_evicted_connections_total counter\n"
        "unionhub_gateway_http_evicted_connections_total ",
        s.evicted_connections,
        "\n# HELP unionhub_gateway_http_timed_out_connections_total HTTP/1.1 "
        "connections closed for being too slow or idle too long.\n"
        "# TYPE unionhub_gateway_http_timed_out_connections_total counter\n"
        "unionhub_gateway_http_timed_out_connections_total ",
        s.timed_out_connections, "\n");
  }

  Routes* routes_;
  FrontDoor* door_;
  rpc::Metrics* metrics_;
  grpc::GenericStub* stub_;
  const std::vector<std::string> cors_origins_;
  const size_t max_stream_bytes_;
  CallRegistry* calls_;
  std::function<bool(std::string*)> ready_;
  std::function<std::string()> more_metrics_;
  http::Server* http_ = nullptr;
};

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
        absl::StatusOr<std::string> debug =
            BinaryToJson(descriptor, any.value());
        if (debug.ok()) absl::StrAppend(&item, ",\"debug\":", *debug);
      }
      items.push_back(item + "}");
    }
    absl::StrAppend(&out, ",\"details\":[", absl::StrJoin(items, ","), "]");
  }
  return out + "}";
}

absl::StatusOr<std::unique_ptr<ConnectServer>> ConnectServer::Start(
    ConnectOptions options, Routes* routes, FrontDoor* door,
    rpc::Metrics* metrics, std::shared_ptr<grpc::Channel> channel,
    std::function<bool(std::string* why)> ready,
    std::function<std::string()> more_metrics) {
  std::unique_ptr<ConnectServer> server(new ConnectServer());
  server->stub_ = std::make_unique<grpc::GenericStub>(std::move(channel));
  server->handler_ = std::make_unique<Handler>(
      routes, door, metrics, server->stub_.get(),
      std::move(options.cors_origins), options.max_stream_bytes,
      &server->calls_, std::move(ready), std::move(more_metrics));
  // What the HTTP layer refuses itself (a body too large, malformed HTTP)
  // gets a Connect error body too.
  options.http.error_response = [](int status, std::string why) {
    grpc::StatusCode code = status == 413 || status == 431
                                ? grpc::StatusCode::RESOURCE_EXHAUSTED
                                : grpc::StatusCode::INVALID_ARGUMENT;
    http::Response res = ConnectError(grpc::Status(code, why));
    res.status = status;
    return res;
  };
  Handler* handler = server->handler_.get();
  server->dashboard_ = std::move(options.dashboard);
  const StaticFiles* dashboard =
      server->dashboard_ ? &*server->dashboard_ : nullptr;
  auto http = http::Server::Start(
      std::move(options.http),
      [handler, dashboard](http::Request req, http::Respond respond) {
        if (dashboard != nullptr) {
          if (std::optional<http::Response> file = dashboard->Serve(req))
            return respond(*std::move(file));
        }
        handler->Handle(std::move(req), std::move(respond));
      });
  if (!http.ok()) return http.status();
  server->http_ = *std::move(http);
  handler->set_http(server->http_.get());
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

bool CallRegistry::AwaitNone(absl::Duration timeout) {
  absl::MutexLock lock(&mu_);
  return mu_.AwaitWithTimeout(
      absl::Condition(
          +[](absl::flat_hash_set<grpc::ClientContext*>* calls) {
            return calls->empty();
          },
          &calls_),
      timeout);
}

void ConnectServer::Stop(absl::Duration grace) {
  if (stopped_ || http_ == nullptr) return;
  stopped_ = true;
  // Requests in flight finish within `grace`; then they are cancelled, and
  // answered (cancelled calls end at once).
  http_->Stop(grace, [this] { calls_.CancelAll(); });
  calls_.CancelAll();
  // A call's answer must not outlive the HTTP server it goes to.
  if (!calls_.AwaitNone(absl::Seconds(5)))
    rpc::LogEvent("error", "Connect calls still open after cancelling them");
}

ConnectServer::~ConnectServer() { Stop(absl::ZeroDuration()); }

}  // namespace unionhub::gateway
