// A raw HTTP/2 client for playing the bad caller in tests: it can advertise a
// zero window, never return window, reset streams at will, send oversize
// metadata or just hold a connection. Built on nghttp2, single-threaded:
// nothing happens unless Pump() runs.
#ifndef UNIONHUB_TESTS_H2_CLIENT_H_
#define UNIONHUB_TESTS_H2_CLIENT_H_

#include <nghttp2/nghttp2.h>

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace unionhub::testing {

struct RawH2Options {
  // Source address (any of 127.0.0.0/8 works on loopback).
  std::string source = "127.0.0.2";
  int32_t initial_window = 65535;  // SETTINGS_INITIAL_WINDOW_SIZE.
  // Return window for what arrives (a well-behaved reader). When false, the
  // server can send only what the initial windows allow.
  bool consume = true;
  // Reset each stream as soon as its first DATA frame arrives.
  bool reset_after_first_data = false;
};

struct RawStream {
  std::string status;  // grpc-status, when it came.
  std::string message;
  size_t data_bytes = 0;
  bool closed = false;
  uint32_t close_error = 0;
};

class RawH2Client {
 public:
  static absl::StatusOr<std::unique_ptr<RawH2Client>> Connect(
      int port, RawH2Options options = {});
  ~RawH2Client();

  // Opens a gRPC call to `path` with `metadata`, sending `message` (already
  // framed, see GrpcFrame) and ending the request. Returns the stream id.
  int32_t Call(const std::string& path,
               const std::vector<std::pair<std::string, std::string>>& metadata,
               const std::string& message);
  void Reset(int32_t stream);
  // Sends what is queued and reads what arrives, for up to `time` or until
  // `done` says so. False once the connection is closed.
  bool Pump(absl::Duration time, std::function<bool()> done = nullptr);
  bool open() const { return fd_ >= 0; }
  void Close();

  std::map<int32_t, RawStream>& streams() { return streams_; }

 private:
  RawH2Client() = default;
  static int OnHeader(nghttp2_session*, const nghttp2_frame* frame,
                      const uint8_t* name, size_t namelen, const uint8_t* value,
                      size_t valuelen, uint8_t, void* user);
  static int OnData(nghttp2_session*, uint8_t, int32_t stream,
                    const uint8_t* data, size_t n, void* user);
  static int OnClose(nghttp2_session*, int32_t stream, uint32_t error,
                     void* user);

  RawH2Options options_;
  int fd_ = -1;
  nghttp2_session* session_ = nullptr;
  std::map<int32_t, RawStream> streams_;
  std::map<int32_t, std::string> bodies_;  // Request bytes left to send.
};

// gRPC's framing of one message: flag byte, 4-byte length, bytes.
std::string GrpcFrame(const std::string& message);

// A plain TCP connection from `source` to 127.0.0.1:`port` (for slow and
// silent clients); -1 when it fails.
int ConnectTcp(int port, const std::string& source);

}  // namespace unionhub::testing

#endif  // UNIONHUB_TESTS_H2_CLIENT_H_
