// The event loop's connections: accepting callers within their limits,
// reading and writing, timeouts, and the connection kept to each backend.
#include "gateway/h2_loop.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"

namespace unionhub::gateway {
namespace {

constexpr size_t kReadChunk = 64 * 1024;
// Reads from one connection per wake-up, so one busy caller cannot starve
// the others on its loop.
constexpr int kReadsPerEvent = 4;
// Frames are taken from nghttp2 only while less than this waits to be
// written: a peer that does not read holds nghttp2's queue, not ours.
constexpr size_t kOutHighWater = 256 * 1024;
constexpr int kAcceptsPerEvent = 64;
// Timeouts, reconnects and stats are looked at this often.
constexpr absl::Duration kSweepInterval = absl::Milliseconds(100);
// Out of file descriptors: stop accepting this long instead of spinning.
constexpr absl::Duration kAcceptPause = absl::Milliseconds(100);
constexpr absl::Duration kMaxBackoff = absl::Seconds(5);

// Callers: small stream windows (as for an edge proxy), so a call holds
// little; backends: larger, they are near and trusted.
constexpr int32_t kCallerStreamWindow = 64 << 10;
constexpr int32_t kCallerConnectionWindow = 1 << 20;
constexpr int32_t kBackendStreamWindow = 256 << 10;
constexpr int32_t kBackendConnectionWindow = 16 << 20;

nghttp2_session_callbacks* Callbacks() {
  static nghttp2_session_callbacks* callbacks = [] {
    nghttp2_session_callbacks* cb;
    nghttp2_session_callbacks_new(&cb);
    nghttp2_session_callbacks_set_on_begin_headers_callback(
        cb, [](nghttp2_session*, const nghttp2_frame* frame, void* user) {
          auto* c = static_cast<Connection*>(user);
          return c->loop->OnBeginHeaders(c, frame);
        });
    nghttp2_session_callbacks_set_on_header_callback(
        cb, [](nghttp2_session*, const nghttp2_frame* frame,
               const uint8_t* name, size_t namelen, const uint8_t* value,
               size_t valuelen, uint8_t, void* user) {
          auto* c = static_cast<Connection*>(user);
          return c->loop->OnHeader(
              c, frame,
              absl::string_view(reinterpret_cast<const char*>(name), namelen),
              absl::string_view(reinterpret_cast<const char*>(value),
                                valuelen));
        });
    nghttp2_session_callbacks_set_on_frame_recv_callback(
        cb, [](nghttp2_session*, const nghttp2_frame* frame, void* user) {
          auto* c = static_cast<Connection*>(user);
          return c->loop->OnFrameRecv(c, frame);
        });
    nghttp2_session_callbacks_set_on_data_chunk_recv_callback(
        cb, [](nghttp2_session*, uint8_t, int32_t stream, const uint8_t* data,
               size_t n, void* user) {
          auto* c = static_cast<Connection*>(user);
          return c->loop->OnDataChunk(c, stream, data, n);
        });
    nghttp2_session_callbacks_set_on_stream_close_callback(
        cb, [](nghttp2_session*, int32_t stream, uint32_t error, void* user) {
          auto* c = static_cast<Connection*>(user);
          return c->loop->OnStreamClose(c, stream, error);
        });
    return cb;
  }();
  return callbacks;
}

nghttp2_option* Options() {
  static nghttp2_option* options = [] {
    nghttp2_option* o;
    nghttp2_option_new(&o);
    // Windows are returned by hand (see h2_loop.h).
    nghttp2_option_set_no_auto_window_update(o, 1);
    return o;
  }();
  return options;
}

std::string AddressOf(const sockaddr_storage& addr) {
  char text[INET6_ADDRSTRLEN] = "";
  if (addr.ss_family == AF_INET) {
    inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in&>(addr).sin_addr,
              text, sizeof text);
  } else if (addr.ss_family == AF_INET6) {
    inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6&>(addr).sin6_addr,
              text, sizeof text);
  }
  return text;
}

}  // namespace

void Pending::Append(const uint8_t* bytes, size_t n) {
  // Drop what was sent once it is most of the buffer, so a long stream does
  // not grow it.
  if (offset_ > 0 && offset_ >= data_.size() / 2) {
    data_.erase(0, offset_);
    offset_ = 0;
  }
  data_.append(reinterpret_cast<const char*>(bytes), n);
}

size_t Pending::Take(uint8_t* out, size_t n) {
  n = std::min(n, size());
  std::memcpy(out, data_.data() + offset_, n);
  offset_ += n;
  return n;
}

size_t Pending::Clear() {
  size_t n = size();
  std::string().swap(data_);
  offset_ = 0;
  return n;
}

bool ConnectionSlots::Acquire(const std::string& address, bool* total_full) {
  absl::MutexLock lock(&mu_);
  *total_full = total_ >= max_total_;
  if (*total_full) return false;
  auto it = per_address_.find(address);
  if (it != per_address_.end() && it->second >= max_per_address_) return false;
  ++per_address_[address];
  ++total_;
  return true;
}

void ConnectionSlots::Release(const std::string& address) {
  absl::MutexLock lock(&mu_);
  --total_;
  auto it = per_address_.find(address);
  if (it != per_address_.end() && --it->second <= 0) per_address_.erase(it);
}

Connection::Connection(EventLoop* l, int f, bool up,
                       const H2FrontOptions& options)
    : loop(l), fd(f), upstream(up) {
  if (upstream) {
    nghttp2_session_client_new2(&session, Callbacks(), this, Options());
    nghttp2_settings_entry settings[] = {
        {NGHTTP2_SETTINGS_ENABLE_PUSH, 0},
        {NGHTTP2_SETTINGS_INITIAL_WINDOW_SIZE, kBackendStreamWindow}};
    nghttp2_submit_settings(session, NGHTTP2_FLAG_NONE, settings, 2);
    nghttp2_session_set_local_window_size(session, NGHTTP2_FLAG_NONE, 0,
                                          kBackendConnectionWindow);
  } else {
    nghttp2_session_server_new2(&session, Callbacks(), this, Options());
    nghttp2_settings_entry settings[] = {
        {NGHTTP2_SETTINGS_MAX_CONCURRENT_STREAMS,
         static_cast<uint32_t>(options.max_streams_per_connection)},
        {NGHTTP2_SETTINGS_INITIAL_WINDOW_SIZE, kCallerStreamWindow}};
    nghttp2_submit_settings(session, NGHTTP2_FLAG_NONE, settings, 2);
    nghttp2_session_set_local_window_size(session, NGHTTP2_FLAG_NONE, 0,
                                          kCallerConnectionWindow);
  }
}

Connection::~Connection() {
  nghttp2_session_del(session);
  if (fd >= 0) close(fd);
}

EventLoop::EventLoop(FrontShared* shared, LoopStats* stats)
    : shared_(shared),
      options_(shared->options),
      door_(shared->door),
      stats_(stats) {
  epoll_ = epoll_create1(EPOLL_CLOEXEC);
  wake_ = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  Watch(wake_, EPOLLIN, &wake_);
  // Every loop waits on the one listener; EPOLLEXCLUSIVE wakes one of them.
  Watch(shared_->listener, EPOLLIN | EPOLLEXCLUSIVE, &shared_->listener);
  listening_ = true;
  for (size_t i = 0; i < shared_->links.size(); ++i) {
    auto link = std::make_unique<Link>();
    link->address = shared_->links[i].address;
    link->stats = stats_->links[i].get();
    links_.push_back(std::move(link));
  }
}

EventLoop::~EventLoop() {
  std::vector<Connection*> all(connections_.begin(), connections_.end());
  for (Connection* c : all) Close(c);
  for (Connection* c : graveyard_) delete c;
  close(epoll_);
  close(wake_);
}

void EventLoop::Watch(int fd, uint32_t events, void* ptr) {
  epoll_event ev{};
  ev.events = events;
  ev.data.ptr = ptr;
  epoll_ctl(epoll_, EPOLL_CTL_ADD, fd, &ev);
}

void EventLoop::Rewatch(Connection* c) {
  epoll_event ev{};
  ev.events = EPOLLIN | (c->writable_wanted ? uint32_t{EPOLLOUT} : 0u);
  ev.data.ptr = c;
  epoll_ctl(epoll_, EPOLL_CTL_MOD, c->fd, &ev);
}

void EventLoop::RequestStop(absl::Time deadline) {
  stop_deadline_ns_ = absl::ToUnixNanos(deadline);
  stop_requested_ = true;
  uint64_t one = 1;
  (void)!write(wake_, &one, sizeof one);
}

void EventLoop::Run() {
  epoll_event events[128];
  while (true) {
    absl::Time now = absl::Now();
    if (stop_requested_ && !stopping_) {
      stopping_ = true;
      if (listening_)
        epoll_ctl(epoll_, EPOLL_CTL_DEL, shared_->listener, nullptr);
      listening_ = false;
      for (Connection* c : connections_) {
        if (c->upstream) continue;
        nghttp2_submit_goaway(
            c->session, NGHTTP2_FLAG_NONE,
            nghttp2_session_get_last_proc_stream_id(c->session),
            NGHTTP2_NO_ERROR, nullptr, 0);
        MarkDirty(c);
      }
    }
    ExpireTimers(now);
    if (now >= next_sweep_) {
      Sweep(now);
      next_sweep_ = now + kSweepInterval;
    }
    // Flushing runs data callbacks that may dirty other connections.
    for (size_t i = 0; i < dirty_.size(); ++i) {
      dirty_[i]->dirty = false;
      Flush(dirty_[i]);
    }
    dirty_.clear();
    if (stopping_ &&
        (exchanges_ == 0 || now >= absl::FromUnixNanos(stop_deadline_ns_)))
      return;
    for (Connection* c : graveyard_) delete c;
    graveyard_.clear();

    absl::Time wake_at = next_sweep_;
    if (!timers_.empty()) wake_at = std::min(wake_at, timers_.begin()->first);
    int timeout_ms = static_cast<int>(std::clamp<int64_t>(
        absl::ToInt64Milliseconds(wake_at - now) + 1, 0, 1000));
    int n = epoll_wait(epoll_, events, 128, timeout_ms);
    now = absl::Now();
    for (int i = 0; i < n; ++i) {
      void* ptr = events[i].data.ptr;
      if (ptr == &shared_->listener) {
        Accept(now);
      } else if (ptr == &wake_) {
        uint64_t value;
        (void)!read(wake_, &value, sizeof value);
      } else {
        OnEvent(static_cast<Connection*>(ptr), events[i].events);
      }
    }
  }
}

void EventLoop::Accept(absl::Time now) {
  for (int i = 0; i < kAcceptsPerEvent && listening_; ++i) {
    sockaddr_storage addr{};
    socklen_t len = sizeof addr;
    int fd = accept4(shared_->listener, reinterpret_cast<sockaddr*>(&addr),
                     &len, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd < 0) {
      if (errno == EINTR || errno == ECONNABORTED) continue;
      if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS ||
          errno == ENOMEM) {
        // Out of descriptors or memory: close a connection that never
        // finished its handshake and try again; else pause rather than spin
        // on a listener that stays readable. Established clients stay.
        ++stats_->refused_connections;
        if (MakeRoom(/*idle_too=*/false)) continue;
        epoll_ctl(epoll_, EPOLL_CTL_DEL, shared_->listener, nullptr);
        listening_ = false;
        accept_resume_at_ = now + kAcceptPause;
      }
      return;
    }
    std::string peer = AddressOf(addr);
    bool total_full = false;
    bool admitted = shared_->slots.Acquire(peer, &total_full);
    if (!admitted && total_full && MakeRoom(/*idle_too=*/true))
      admitted = shared_->slots.Acquire(peer, &total_full);
    if (!admitted) {
      close(fd);
      ++stats_->refused_connections;
      continue;
    }
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    auto* c = new Connection(this, fd, /*upstream=*/false, options_);
    c->peer = std::move(peer);
    c->opened = now;
    Enqueue(c, &handshaking_, now);
    connections_.insert(c);
    ++stats_->connections;
    Watch(fd, EPOLLIN, c);
    MarkDirty(c);  // Our SETTINGS.
  }
}

// Closes this loop's longest-waiting caller connection without a call: one
// still in its handshake first, else (if `idle_too`) the longest idle.
bool EventLoop::MakeRoom(bool idle_too) {
  std::list<Connection*>* queue = !handshaking_.empty()        ? &handshaking_
                                  : idle_too && !idle_.empty() ? &idle_
                                                               : nullptr;
  if (queue == nullptr) return false;
  Evict(queue->front());
  return true;
}

// Closes a caller's connection, saying goodbye (GOAWAY) if it got that far.
void EventLoop::Evict(Connection* c) {
  if (c->handshaken) {
    nghttp2_submit_goaway(c->session, NGHTTP2_FLAG_NONE,
                          nghttp2_session_get_last_proc_stream_id(c->session),
                          NGHTTP2_NO_ERROR, nullptr, 0);
    Flush(c);
  }
  Close(c);
}

void EventLoop::Enqueue(Connection* c, std::list<Connection*>* queue,
                        absl::Time now) {
  Dequeue(c);
  c->queue = queue;
  c->queue_pos = queue->insert(queue->end(), c);
  c->idle_since = now;
}

void EventLoop::Dequeue(Connection* c) {
  if (c->queue == nullptr) return;
  c->queue->erase(c->queue_pos);
  c->queue = nullptr;
}

void EventLoop::OnEvent(Connection* c, uint32_t events) {
  if (c->dead) return;
  if (c->connecting && (events & (EPOLLOUT | EPOLLERR | EPOLLHUP))) {
    int error = 0;
    socklen_t len = sizeof error;
    getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &error, &len);
    if (error != 0) {
      LinkFailed(c->link, std::strerror(error), absl::Now());
      Close(c);
      return;
    }
    c->connecting = false;
  }
  if (events & (EPOLLIN | EPOLLERR | EPOLLHUP)) {
    uint8_t buf[kReadChunk];
    for (int i = 0; i < kReadsPerEvent && !c->connecting; ++i) {
      ssize_t n = read(c->fd, buf, sizeof buf);
      if (n > 0) {
        if (c->upstream) c->last_received = absl::Now();
        if (nghttp2_session_mem_recv(c->session, buf, n) < 0) {
          Close(c);
          return;
        }
        if (static_cast<size_t>(n) < sizeof buf) break;
        continue;
      }
      if (n == 0 || (errno != EAGAIN && errno != EINTR)) {
        Close(c);
        return;
      }
      if (errno == EAGAIN) break;
    }
  }
  MarkDirty(c);
}

void EventLoop::Flush(Connection* c) {
  if (c->dead) return;
  while (true) {
    while (c->out.size() < kOutHighWater) {
      const uint8_t* data;
      ssize_t n = nghttp2_session_mem_send(c->session, &data);
      if (n < 0) {
        Close(c);
        return;
      }
      if (n == 0) break;
      c->out.append(reinterpret_cast<const char*>(data), n);
    }
    if (c->connecting || c->out.empty()) break;
    // Not write(): to a peer that reset, it raises SIGPIPE, which ends the
    // process (found by the abuse suite's randomised client).
    ssize_t written = send(c->fd, c->out.data(), c->out.size(), MSG_NOSIGNAL);
    if (written < 0 && errno != EAGAIN && errno != EINTR) {
      Close(c);
      return;
    }
    if (written > 0) c->out.erase(0, written);
    // Go round again only if everything went and nghttp2 has more.
    if (!c->out.empty() || !nghttp2_session_want_write(c->session)) break;
  }
  bool want = c->connecting || !c->out.empty();
  if (want != c->writable_wanted) {
    c->writable_wanted = want;
    Rewatch(c);
  }
  if (!c->connecting && c->out.empty() &&
      !nghttp2_session_want_read(c->session) &&
      !nghttp2_session_want_write(c->session)) {
    Close(c);
  }
}

void EventLoop::Close(Connection* c) {
  if (c->dead) return;
  c->dead = true;
  epoll_ctl(epoll_, EPOLL_CTL_DEL, c->fd, nullptr);
  connections_.erase(c);
  if (!c->upstream) {
    Dequeue(c);
    shared_->slots.Release(c->peer);
    --stats_->connections;
  } else if (c->link != nullptr && c->link->conn == c) {
    c->link->conn = nullptr;
    c->link->stats->up = false;
  }
  // The streams on it end with the connection.
  std::vector<Exchange*> affected(c->exchanges.begin(), c->exchanges.end());
  for (Exchange* ex : affected) {
    if (c->upstream) {
      LoseUpstream(ex, "the backend connection was lost");
    } else {
      LoseCaller(ex);
    }
  }
  graveyard_.push_back(c);
}

void EventLoop::Sweep(absl::Time now) {
  while (!handshaking_.empty() &&
         now - handshaking_.front()->idle_since >= options_.handshake_timeout) {
    ++stats_->timed_out_connections;
    Close(handshaking_.front());
  }
  while (!idle_.empty() &&
         now - idle_.front()->idle_since >= options_.idle_timeout) {
    ++stats_->timed_out_connections;
    Evict(idle_.front());
  }
  for (auto& link : links_) CheckLink(link.get(), now);
  if (!listening_ && !stopping_ && now >= accept_resume_at_) {
    Watch(shared_->listener, EPOLLIN | EPOLLEXCLUSIVE, &shared_->listener);
    listening_ = true;
  }
  PublishStats(now);
}

void EventLoop::CheckLink(Link* link, absl::Time now) {
  Connection* c = link->conn;
  if (c == nullptr) {
    if (!stopping_ && now >= link->retry_at) Upstream(link, now);
    return;
  }
  if (!c->handshaken) {
    if (now - c->opened > options_.backend_timeout) {
      LinkFailed(link, "no HTTP/2 handshake from the backend", now);
      Close(c);
    }
    return;
  }
  if (c->ping_sent) {
    if (now - *c->ping_sent > options_.backend_timeout) {
      LinkFailed(link, "the backend did not answer a PING", now);
      Close(c);
    }
  } else if (now - c->last_received > options_.backend_ping_after) {
    nghttp2_submit_ping(c->session, NGHTTP2_FLAG_NONE, nullptr);
    c->ping_sent = now;
    MarkDirty(c);
  }
}

void EventLoop::PublishStats(absl::Time now) {
  stats_->tick_unix_nanos = absl::ToUnixNanos(now);
  stats_->exchanges = exchanges_;
  stats_->buffered_bytes = buffered_;
  for (auto& link : links_) {
    Connection* c = link->conn;
    LinkStats& s = *link->stats;
    s.up = c != nullptr && c->handshaken;
    s.streams = c != nullptr ? static_cast<int64_t>(c->exchanges.size()) : 0;
    s.receive_window =
        c != nullptr ? nghttp2_session_get_local_window_size(c->session) : 0;
    s.send_window =
        c != nullptr ? nghttp2_session_get_remote_window_size(c->session) : 0;
  }
}

Link* EventLoop::LinkFor(const std::string& address) {
  for (auto& link : links_) {
    if (link->address == address) return link.get();
  }
  return nullptr;
}

Connection* EventLoop::Upstream(Link* link, absl::Time now) {
  if (link->conn != nullptr) {
    if (nghttp2_session_check_request_allowed(link->conn->session))
      return link->conn;
    // Going away: its calls finish on it, new ones go on a new connection.
    link->conn = nullptr;
  }
  if (now < link->retry_at) return nullptr;
  const std::string& address = link->address;
  size_t colon = address.rfind(':');
  std::string host = address.substr(0, colon);
  if (host.size() > 1 && host.front() == '[')
    host = host.substr(1, host.size() - 2);
  addrinfo hints{};
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  if (getaddrinfo(host.c_str(), address.substr(colon + 1).c_str(), &hints,
                  &found) != 0 ||
      found == nullptr) {
    LinkFailed(link, "cannot resolve the address", now);
    return nullptr;
  }
  int fd =
      socket(found->ai_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  int rc = fd < 0 ? -1 : connect(fd, found->ai_addr, found->ai_addrlen);
  freeaddrinfo(found);
  if (fd < 0 || (rc < 0 && errno != EINPROGRESS)) {
    LinkFailed(link, std::strerror(errno), now);
    if (fd >= 0) close(fd);
    return nullptr;
  }
  int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  auto* c = new Connection(this, fd, /*upstream=*/true, options_);
  c->link = link;
  c->opened = c->last_received = now;
  c->connecting = rc < 0;
  c->writable_wanted = true;
  connections_.insert(c);
  Watch(fd, EPOLLIN | EPOLLOUT, c);
  link->conn = c;
  MarkDirty(c);
  return c;
}

void EventLoop::LinkFailed(Link* link, absl::string_view why, absl::Time now) {
  if (link == nullptr) return;
  link->backoff = std::min(
      kMaxBackoff, std::max(absl::Milliseconds(100), link->backoff * 2));
  link->retry_at = now + link->backoff;
  link->stats->up = false;
  absl::MutexLock lock(&link->stats->mu);
  link->stats->last_error = std::string(why);
}

}  // namespace unionhub::gateway
