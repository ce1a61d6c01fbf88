#include "gateway/h2_front.h"

#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "gateway/h2_loop.h"

namespace unionhub::gateway {
namespace {

// A loop runs at least every 100 ms; one silent this long is wedged.
constexpr double kMaxLoopLagSeconds = 5;

// One listening socket for all loops. Without SO_REUSEPORT: a second process
// started on the same port must fail, not share it silently.
absl::StatusOr<int> Listen(const std::string& host, int port) {
  addrinfo hints{};
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  addrinfo* found = nullptr;
  if (getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &found) !=
      0) {
    return absl::InvalidArgumentError(absl::StrCat("cannot resolve ", host));
  }
  int fd =
      socket(found->ai_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  int one = 1;
  setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  bool ok = fd >= 0 && bind(fd, found->ai_addr, found->ai_addrlen) == 0 &&
            listen(fd, 4096) == 0;
  int error = errno;
  freeaddrinfo(found);
  if (!ok) {
    if (fd >= 0) close(fd);
    return absl::UnavailableError(absl::StrCat(
        "cannot listen on ", host, ":", port, ": ", std::strerror(error)));
  }
  return fd;
}

int BoundPort(int fd) {
  sockaddr_storage bound{};
  socklen_t len = sizeof bound;
  getsockname(fd, reinterpret_cast<sockaddr*>(&bound), &len);
  return ntohs(bound.ss_family == AF_INET6
                   ? reinterpret_cast<sockaddr_in6*>(&bound)->sin6_port
                   : reinterpret_cast<sockaddr_in*>(&bound)->sin_port);
}

}  // namespace

absl::StatusOr<std::unique_ptr<H2Front>> H2Front::Start(H2FrontOptions options,
                                                        FrontDoor* door) {
  std::unique_ptr<H2Front> front(new H2Front());
  absl::StatusOr<int> listener = Listen(options.host, options.port);
  if (!listener.ok()) return listener.status();
  front->listener_ = *listener;
  front->port_ = BoundPort(*listener);

  std::vector<Backend> links = {{"gateway", options.internal_address}};
  for (const Backend& b : options.backends) links.push_back(b);
  int threads = std::max(1, options.threads);
  front->shared_ = std::make_unique<FrontShared>(std::move(options), door);
  front->shared_->listener = *listener;
  front->shared_->links = std::move(links);
  for (int i = 0; i < threads; ++i) {
    auto stats = std::make_unique<LoopStats>();
    for (size_t l = 0; l < front->shared_->links.size(); ++l)
      stats->links.push_back(std::make_unique<LinkStats>());
    stats->tick_unix_nanos = absl::GetCurrentTimeNanos();
    front->loops_.push_back(
        std::make_unique<EventLoop>(front->shared_.get(), stats.get()));
    front->stats_.push_back(std::move(stats));
  }
  for (auto& loop : front->loops_)
    front->threads_.emplace_back([l = loop.get()] { l->Run(); });
  return front;
}

void H2Front::Stop(absl::Duration grace) {
  absl::Time deadline = absl::Now() + grace;
  for (auto& loop : loops_) loop->RequestStop(deadline);
  for (auto& t : threads_) t.join();
  threads_.clear();
  loops_.clear();
  if (listener_ >= 0) close(listener_);
  listener_ = -1;
}

H2Front::~H2Front() { Stop(absl::ZeroDuration()); }

FrontStats H2Front::Stats() const {
  FrontStats out;
  if (shared_ == nullptr) return out;
  for (const Backend& b : shared_->links) {
    FrontStats::Backend backend;
    backend.name = b.name;
    backend.address = b.address;
    backend.min_receive_window = backend.min_send_window = INT64_MAX;
    out.backends.push_back(backend);
  }
  int64_t now = absl::GetCurrentTimeNanos();
  for (const auto& s : stats_) {
    out.connections += s->connections;
    out.exchanges += s->exchanges;
    out.buffered_bytes += s->buffered_bytes;
    out.refused_connections += s->refused_connections;
    out.timed_out_connections += s->timed_out_connections;
    out.reset_streams += s->reset_streams;
    out.retried_calls += s->retried_calls;
    out.max_loop_lag_seconds =
        std::max(out.max_loop_lag_seconds, (now - s->tick_unix_nanos) / 1e9);
    for (size_t l = 0; l < s->links.size(); ++l) {
      LinkStats& link = *s->links[l];
      FrontStats::Backend& b = out.backends[l];
      ++b.loops;
      if (link.up) ++b.loops_up;
      b.streams += link.streams;
      b.min_receive_window =
          std::min<int64_t>(b.min_receive_window, link.receive_window);
      b.min_send_window =
          std::min<int64_t>(b.min_send_window, link.send_window);
      absl::MutexLock lock(&link.mu);
      if (!link.last_error.empty()) b.last_error = link.last_error;
    }
  }
  for (FrontStats::Backend& b : out.backends) {
    if (b.loops == 0) b.min_receive_window = b.min_send_window = 0;
  }
  return out;
}

bool FrontReady(const FrontStats& stats, std::string* why) {
  std::vector<std::string> problems;
  for (const FrontStats::Backend& b : stats.backends) {
    if (b.loops_up < b.loops) {
      problems.push_back(
          absl::StrCat(b.name, " (", b.address, ") is unreachable from ",
                       b.loops - b.loops_up, " of ", b.loops, " event loops",
                       b.last_error.empty() ? "" : ": ", b.last_error));
    }
  }
  if (stats.max_loop_lag_seconds > kMaxLoopLagSeconds) {
    problems.push_back(absl::StrFormat("an event loop has not run for %.1f s",
                                       stats.max_loop_lag_seconds));
  }
  if (why != nullptr) {
    why->clear();
    for (const std::string& p : problems) absl::StrAppend(why, p, "\n");
  }
  return problems.empty();
}

std::string RenderFrontMetrics(const FrontStats& stats) {
  std::string out;
  auto metric = [&out](absl::string_view name, absl::string_view type,
                       absl::string_view help) {
    absl::StrAppend(&out, "# HELP ", name, " ", help, "\n# TYPE ", name, " ",
                    type, "\n");
  };
  auto value = [&out](absl::string_view name, absl::string_view labels,
                      auto v) {
    absl::StrAppend(&out, name, labels, " ", v, "\n");
  };
  metric("unionhub_gateway_connections", "gauge",
         "Callers' HTTP/2 connections open.");
  value("unionhub_gateway_connections", "", stats.connections);
  metric("unionhub_gateway_calls_in_progress", "gauge",
         "gRPC calls the front relays right now.");
  value("unionhub_gateway_calls_in_progress", "", stats.exchanges);
  metric("unionhub_gateway_buffered_bytes", "gauge",
         "Message bytes waiting in the front to be relayed.");
  value("unionhub_gateway_buffered_bytes", "", stats.buffered_bytes);
  metric("unionhub_gateway_refused_connections_total", "counter",
         "Connections refused at a limit (in all, per address, descriptors).");
  value("unionhub_gateway_refused_connections_total", "",
        stats.refused_connections);
  metric("unionhub_gateway_timed_out_connections_total", "counter",
         "Connections closed for a slow handshake or for being idle.");
  value("unionhub_gateway_timed_out_connections_total", "",
        stats.timed_out_connections);
  metric("unionhub_gateway_reset_streams_total", "counter",
         "Calls reset because the caller did not take its answer in time.");
  value("unionhub_gateway_reset_streams_total", "", stats.reset_streams);
  metric("unionhub_gateway_retried_calls_total", "counter",
         "Calls sent to a backend again because it refused or cancelled them "
         "unstarted (it was stopping).");
  value("unionhub_gateway_retried_calls_total", "", stats.retried_calls);
  metric("unionhub_gateway_loop_lag_seconds", "gauge",
         "Time since the least recently active event loop last ran.");
  value("unionhub_gateway_loop_lag_seconds", "",
        absl::StrFormat("%.3f", stats.max_loop_lag_seconds));
  metric("unionhub_gateway_backend_up", "gauge",
         "1 when every event loop's connection to the backend is up.");
  for (const auto& b : stats.backends) {
    value("unionhub_gateway_backend_up",
          absl::StrCat("{backend=\"", b.name, "\"}"),
          b.loops_up == b.loops ? 1 : 0);
  }
  metric("unionhub_gateway_backend_streams", "gauge",
         "Calls open on the connections to the backend.");
  for (const auto& b : stats.backends) {
    value("unionhub_gateway_backend_streams",
          absl::StrCat("{backend=\"", b.name, "\"}"), b.streams);
  }
  metric("unionhub_gateway_backend_window_bytes", "gauge",
         "Least HTTP/2 connection window left towards the backend: "
         "direction=receive (what it may still send) or send.");
  for (const auto& b : stats.backends) {
    value("unionhub_gateway_backend_window_bytes",
          absl::StrCat("{backend=\"", b.name, "\",direction=\"receive\"}"),
          b.min_receive_window);
    value("unionhub_gateway_backend_window_bytes",
          absl::StrCat("{backend=\"", b.name, "\",direction=\"send\"}"),
          b.min_send_window);
  }
  return out;
}

}  // namespace unionhub::gateway
