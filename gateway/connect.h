// The Connect protocol over HTTP/1.1, for browsers, dashboards and curl:
// unary calls as `POST /<package>.<Service>/<Method>` with a JSON or binary
// protobuf body, and server-streaming ones with an enveloped message (the
// messages come back together, enveloped, when the stream ends). Each call is
// translated to gRPC and made through the gateway's own gRPC front, so it meets
// exactly the checks, limits, logs and metrics of a gRPC call. Also serves
// /metrics (Prometheus), /healthz and the dashboard's files (static_files.h),
// and answers CORS preflights for the configured dashboard origins.
#ifndef UNIONHUB_GATEWAY_CONNECT_H_
#define UNIONHUB_GATEWAY_CONNECT_H_

#include <grpcpp/generic/generic_stub.h>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "gateway/front_door.h"
#include "gateway/static_files.h"
#include "libs/http/server.h"

namespace unionhub::gateway {

struct ConnectOptions {
  // Where to listen, the timeouts and the limits; `http.max_body_bytes` is
  // the largest request.
  http::ServerOptions http;
  // Origins allowed to call from a browser ("*" for any).
  std::vector<std::string> cors_origins;
  // A server-streaming method's answer is gathered and sent whole (the
  // HTTP server answers each request at once): at most this many bytes.
  size_t max_stream_bytes = 32 << 20;
  // The dashboard's files, served at `/` (none: no dashboard).
  std::optional<StaticFiles> dashboard;
};

// The gRPC calls Connect requests are waiting for, so a stop can cancel
// them once its grace period is over.
class CallRegistry final {
 public:
  void Add(grpc::ClientContext* context);
  void Remove(grpc::ClientContext* context);
  // Cancels every call, and every call added from now on.
  void CancelAll();
  // True once no call is registered, false if `timeout` passed first.
  bool AwaitNone(absl::Duration timeout);

 private:
  absl::Mutex mu_;
  bool cancelled_ ABSL_GUARDED_BY(mu_) = false;
  absl::flat_hash_set<grpc::ClientContext*> calls_ ABSL_GUARDED_BY(mu_);
};

class ConnectServer final {
 public:
  // `channel` reaches the gateway's gRPC front; `ready` says whether the
  // gateway is ready (for /healthz), and if not why; `more_metrics` adds to
  // /metrics.
  static absl::StatusOr<std::unique_ptr<ConnectServer>> Start(
      ConnectOptions options, Routes* routes, FrontDoor* door,
      rpc::Metrics* metrics, std::shared_ptr<grpc::Channel> channel,
      std::function<bool(std::string* why)> ready,
      std::function<std::string()> more_metrics);
  ~ConnectServer();

  int port() const { return http_->port(); }
  // Stops accepting, lets requests in flight finish for up to `grace`, then
  // cancels them.
  void Stop(absl::Duration grace);

 private:
  class Handler;
  ConnectServer() = default;

  std::unique_ptr<grpc::GenericStub> stub_;
  std::unique_ptr<Handler> handler_;
  std::optional<StaticFiles> dashboard_;
  CallRegistry calls_;
  std::unique_ptr<http::Server> http_;  // Last: it calls the handler.
  bool stopped_ = false;
};

// HTTP status of a gRPC code in the Connect protocol.
int HttpStatusOf(grpc::StatusCode code);
// The Connect error body: {"code": ..., "message": ..., "details": [...]}.
std::string ConnectErrorJson(const grpc::Status& status);

}  // namespace unionhub::gateway

#endif  // UNIONHUB_GATEWAY_CONNECT_H_
