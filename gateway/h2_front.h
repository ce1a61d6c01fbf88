// The gRPC front: an HTTP/2 proxy at the level of frames. Every call for a
// backend method is admitted by the FrontDoor and its stream is relayed to the
// backend that serves the method's package (messages untouched, flow control
// end to end), with the caller's metadata, a signed principal and a bounded
// grpc-timeout; response headers, messages and trailers (status, error
// details) come back as they are. Calls for the gateway's own services
// (AuthService, health, reflection) are relayed to its internal gRPC server.
//
// Why frames and not a gRPC server plus client per call: a call through
// gRPC's own server and client stacks cost the gateway about as much CPU as
// the backend spends serving it; relaying frames with nghttp2 on one event
// loop per core costs a fraction (see bench/gateway.sh).
#ifndef UNIONHUB_GATEWAY_H2_FRONT_H_
#define UNIONHUB_GATEWAY_H2_FRONT_H_

#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "gateway/front_door.h"

namespace unionhub::gateway {

struct H2FrontOptions {
  std::string host = "127.0.0.1";
  int port = 0;  // 0 picks a free one.
  int threads = 2;
  // Largest gRPC message a caller may send.
  size_t max_message_bytes = 4 << 20;
  // The gateway's own gRPC server (AuthService, health, reflection).
  std::string internal_address;
};

class EventLoop;

class H2Front final {
 public:
  static absl::StatusOr<std::unique_ptr<H2Front>> Start(H2FrontOptions options,
                                                        FrontDoor* door);
  ~H2Front();

  int port() const { return port_; }
  // Stops accepting, tells callers to go away (GOAWAY), lets calls in flight
  // finish for up to `grace`, then closes everything.
  void Stop(absl::Duration grace);

 private:
  H2Front() = default;

  int port_ = 0;
  std::vector<std::unique_ptr<EventLoop>> loops_;
  std::vector<std::thread> threads_;
};

// The grpc-timeout header value for `d` ("250m", "30S", ...), and back.
std::string GrpcTimeout(absl::Duration d);
bool ParseGrpcTimeout(absl::string_view value, absl::Duration* d);

}  // namespace unionhub::gateway

#endif  // UNIONHUB_GATEWAY_H2_FRONT_H_
