// An event-driven HTTP/1.1 server (Boost.Beast on a few Asio threads): the
// gateway's Connect/JSON port, and every service's metrics port. Connections
// cost a descriptor and a few KB, never a thread, so slow or idle clients
// cannot starve others: each has a deadline for its headers, its body, writing
// the answer and waiting between requests, and there are caps on connections in
// total and per client address. Handlers answer asynchronously.
#ifndef UNIONHUB_LIBS_HTTP_SERVER_H_
#define UNIONHUB_LIBS_HTTP_SERVER_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace unionhub::http {

struct Request {
  std::string method;  // "POST", "GET", ...
  std::string path;    // The target without its query.
  std::vector<std::pair<std::string, std::string>> headers;  // Names lowercase.
  std::string body;

  // The first value of header `name` (lowercase), or "".
  std::string Header(absl::string_view name) const;
};

struct Response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  void SetHeader(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
  }
  void SetContent(std::string content, std::string content_type) {
    body = std::move(content);
    SetHeader("Content-Type", std::move(content_type));
  }
};

// Answers a request; call it exactly once, from any thread.
using Respond = std::function<void(Response)>;
using Handler = std::function<void(Request, Respond)>;

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 0;  // 0 picks a free one.
  int threads = 2;
  int max_connections = 10000;  // At the cap the longest idle makes room.
  int max_connections_per_address = 1000;  // Beyond it new ones are closed.
  // From a connection's start, or a request's first byte, to its last header.
  absl::Duration header_timeout = absl::Seconds(10);
  // To receive a request's body; and, separately, to write an answer.
  absl::Duration body_timeout = absl::Seconds(30);
  // Between requests on a kept-alive connection.
  absl::Duration idle_timeout = absl::Seconds(300);
  size_t max_header_bytes = 16 << 10;
  size_t max_body_bytes = 4 << 20;
  // The answer to a request the server refuses itself (status 400, 413 or
  // 431, and why), so callers get their protocol's error body.
  std::function<Response(int status, std::string why)> error_response;
};

struct ServerStats {
  int64_t connections = 0;
  int64_t refused_connections = 0;    // Over the per-address cap.
  int64_t evicted_connections = 0;    // Idle ones closed to make room.
  int64_t timed_out_connections = 0;  // Any of the timeouts above.
};

class Server {
 public:
  static absl::StatusOr<std::unique_ptr<Server>> Start(ServerOptions options,
                                                       Handler handler);
  virtual ~Server() = default;

  virtual int port() const = 0;
  virtual ServerStats Stats() const = 0;
  // Stops accepting and closes connections waiting for a request. Requests
  // being answered have `grace`; then `grace_over` runs (it should make
  // handlers answer at once), and after a short while the rest are closed.
  // No handler may answer after Stop returns.
  virtual void Stop(absl::Duration grace, std::function<void()> grace_over) = 0;
};

// Splits "host:port" or "[v6]:port"; an empty host is 0.0.0.0.
bool SplitHostPort(absl::string_view address, std::string* host, int* port);

}  // namespace unionhub::http

#endif  // UNIONHUB_LIBS_HTTP_SERVER_H_
