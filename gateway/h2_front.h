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
//
// Every client is assumed hostile: connections are capped (in all and per
// client address), must finish the HTTP/2 handshake in time and are closed
// when idle; every call has a deadline after which its stream is reset if the
// caller does not take its answer; what a call may hold in the gateway's
// memory is bounded by the stream windows, and a connection holding too much
// gets no new calls.
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
  // Backends to keep a connection to (and report on), besides the internal
  // server.
  std::vector<Backend> backends;

  // Callers' connections open at once, in all and from one address. At the
  // limit, a new connection takes the place of the longest idle one.
  int max_connections = 10000;
  int max_connections_per_address = 1000;
  // Calls open at once on one connection (SETTINGS_MAX_CONCURRENT_STREAMS).
  int max_streams_per_connection = 100;
  // Time to send the HTTP/2 preface and SETTINGS, or a call's headers.
  absl::Duration handshake_timeout = absl::Seconds(10);
  // A connection with no call open this long is closed.
  absl::Duration idle_timeout = absl::Minutes(5);
  // How long a caller has to take a call's final answer once its deadline
  // passed (or the gateway answered it) before the stream is reset.
  absl::Duration linger = absl::Seconds(1);
  // Request metadata, counted as HTTP/2 counts it (name + value + 32 each).
  size_t max_metadata_bytes = 16 << 10;
  // Bytes of a connection's calls waiting in the gateway (not yet read by
  // the caller or the backend) above which its new calls are refused.
  size_t max_connection_buffer_bytes = 8 << 20;
  // A backend connection silent this long gets a PING; one that answers
  // neither it nor its handshake within `backend_timeout` is closed.
  absl::Duration backend_ping_after = absl::Seconds(10);
  absl::Duration backend_timeout = absl::Seconds(5);
};

// What the front holds right now, for metrics and readiness.
struct FrontStats {
  int64_t connections = 0;            // Callers' connections.
  int64_t exchanges = 0;              // Calls in progress.
  int64_t buffered_bytes = 0;         // Message bytes waiting to be relayed.
  int64_t refused_connections = 0;    // Over a limit (counter).
  int64_t timed_out_connections = 0;  // Handshake or idle (counter).
  int64_t reset_streams = 0;  // Calls whose caller did not take the answer.
  int64_t retried_calls = 0;  // Sent again: the backend never started them.
  struct Backend {
    std::string name;
    std::string address;
    int loops_up = 0;  // Event loops whose connection is up.
    int loops = 0;
    int64_t streams = 0;  // Calls open on its connections.
    // Least flow-control window left on any of its connections: to receive
    // from it, and to send to it.
    int64_t min_receive_window = 0;
    int64_t min_send_window = 0;
    std::string last_error;
  };
  std::vector<Backend> backends;
  // Seconds since the least recently active event loop last ran (a loop
  // that stops running is wedged).
  double max_loop_lag_seconds = 0;
};

class EventLoop;
struct FrontShared;
struct LoopStats;

class H2Front final {
 public:
  static absl::StatusOr<std::unique_ptr<H2Front>> Start(H2FrontOptions options,
                                                        FrontDoor* door);
  ~H2Front();

  int port() const { return port_; }
  // Stops accepting, tells callers to go away (GOAWAY), lets calls in flight
  // finish for up to `grace`, then closes everything.
  void Stop(absl::Duration grace);

  FrontStats Stats() const;

 private:
  H2Front() = default;

  int port_ = 0;
  int listener_ = -1;
  std::unique_ptr<FrontShared> shared_;
  std::vector<std::unique_ptr<LoopStats>> stats_;
  std::vector<std::unique_ptr<EventLoop>> loops_;
  std::vector<std::thread> threads_;
};

// Whether every backend is reachable on every loop, and the loops run; when
// not, `why` says what is wrong.
bool FrontReady(const FrontStats& stats, std::string* why);
// The stats in Prometheus text format.
std::string RenderFrontMetrics(const FrontStats& stats);

}  // namespace unionhub::gateway

#endif  // UNIONHUB_GATEWAY_H2_FRONT_H_
