// The Connect protocol over HTTP/1.1, for browsers, dashboards and curl:
// unary calls as `POST /<package>.<Service>/<Method>` with a JSON or binary
// protobuf body. Each call is translated to gRPC and made through the
// gateway's own gRPC front, so it meets exactly the checks, limits, logs and
// metrics of a gRPC call. Also serves /metrics (Prometheus) and
// /healthz, and answers CORS preflights for the configured dashboard origins.
#ifndef UNIONHUB_GATEWAY_CONNECT_H_
#define UNIONHUB_GATEWAY_CONNECT_H_

#include <grpcpp/generic/generic_stub.h>

#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/statusor.h"
#include "gateway/front_door.h"

namespace httplib {
class Server;
}

namespace unionhub::gateway {

struct ConnectOptions {
  std::string host = "127.0.0.1";
  int port = 0;  // 0 picks a free one.
  // Origins allowed to call from a browser ("*" for any).
  std::vector<std::string> cors_origins;
  size_t max_request_bytes = 4 << 20;
  int threads = 128;  // Each open HTTP/1.1 connection holds one.
};

class ConnectServer final {
 public:
  // `channel` reaches the gateway's gRPC front; `serving` says whether the
  // gateway is ready (for /healthz).
  static absl::StatusOr<std::unique_ptr<ConnectServer>> Start(
      ConnectOptions options, Routes* routes, FrontDoor* door, Metrics* metrics,
      std::shared_ptr<grpc::Channel> channel, std::function<bool()> serving);
  ~ConnectServer();

  int port() const { return port_; }
  // Stops accepting, finishes the requests in flight.
  void Stop();

 private:
  ConnectServer() = default;

  std::unique_ptr<httplib::Server> http_;
  std::unique_ptr<grpc::GenericStub> stub_;
  std::vector<std::string> cors_origins_;
  std::thread thread_;
  int port_ = 0;
};

// HTTP status of a gRPC code in the Connect protocol.
int HttpStatusOf(grpc::StatusCode code);
// The Connect error body: {"code": ..., "message": ..., "details": [...]}.
std::string ConnectErrorJson(const grpc::Status& status);

}  // namespace unionhub::gateway

#endif  // UNIONHUB_GATEWAY_CONNECT_H_
