#include "gateway/h2_front.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <nghttp2/nghttp2.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <map>
#include <unordered_set>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"

namespace unionhub::gateway {
namespace {

constexpr size_t kReadChunk = 64 * 1024;
constexpr int32_t kStreamWindow = 1 << 20;
constexpr int32_t kConnectionWindow = 16 << 20;

struct Header {
  std::string name;
  std::string value;
};

// Bytes received on one side, waiting to be sent on the other.
struct Pending {
  std::string data;
  size_t offset = 0;

  size_t size() const { return data.size() - offset; }
  void Append(const uint8_t* bytes, size_t n) {
    // Drop what was sent once it is most of the buffer, so a long stream
    // does not grow it.
    if (offset > 0 && offset >= data.size() / 2) {
      data.erase(0, offset);
      offset = 0;
    }
    data.append(reinterpret_cast<const char*>(bytes), n);
  }
  size_t Take(uint8_t* out, size_t n) {
    n = std::min(n, size());
    std::memcpy(out, data.data() + offset, n);
    offset += n;
    return n;
  }
};

// Reads gRPC's message framing (1 flag byte, 4 length bytes, message) as it
// streams past, to refuse messages over the limit without buffering them.
class MessageSizeGuard {
 public:
  // False when a message announces more than `max` bytes.
  bool Feed(const uint8_t* data, size_t n, size_t max) {
    while (n > 0) {
      if (remaining_ > 0) {
        size_t skip = std::min<size_t>(remaining_, n);
        remaining_ -= skip;
        data += skip;
        n -= skip;
        continue;
      }
      header_[header_bytes_++] = *data++;
      --n;
      if (header_bytes_ == 5) {
        remaining_ = (uint32_t{header_[1]} << 24) |
                     (uint32_t{header_[2]} << 16) |
                     (uint32_t{header_[3]} << 8) | uint32_t{header_[4]};
        header_bytes_ = 0;
        if (remaining_ > max) return false;
      }
    }
    return true;
  }

 private:
  uint8_t header_[5] = {};
  size_t header_bytes_ = 0;
  uint64_t remaining_ = 0;
};

std::string PercentEncode(absl::string_view message) {
  std::string out;
  for (unsigned char c : message) {
    if (c >= 0x20 && c <= 0x7e && c != '%') {
      out.push_back(c);
    } else {
      absl::StrAppend(&out, "%", absl::Hex(c, absl::kZeroPad2));
    }
  }
  return out;
}

std::string PercentDecode(absl::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    int value;
    if (s[i] == '%' && i + 2 < s.size() &&
        absl::SimpleHexAtoi(s.substr(i + 1, 2), &value)) {
      out.push_back(static_cast<char>(value));
      i += 2;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

bool IsHopByHop(absl::string_view name) {
  return name == "connection" || name == "keep-alive" ||
         name == "transfer-encoding" || name == "upgrade" ||
         name == "proxy-connection" || name == "host";
}

nghttp2_nv Nv(const Header& h) {
  return {reinterpret_cast<uint8_t*>(const_cast<char*>(h.name.data())),
          reinterpret_cast<uint8_t*>(const_cast<char*>(h.value.data())),
          h.name.size(), h.value.size(), NGHTTP2_NV_FLAG_NONE};
}

std::vector<nghttp2_nv> Nvs(const std::vector<Header>& headers) {
  std::vector<nghttp2_nv> nv;
  nv.reserve(headers.size());
  for (const Header& h : headers) nv.push_back(Nv(h));
  return nv;
}

}  // namespace

class Connection;

// One call: the caller's stream and the backend's, joined. The connection
// pointers stay set after a stream closes (bytes it delivered must still be
// acknowledged on its connection) and are cleared only when a connection dies.
struct Exchange {
  Connection* down = nullptr;
  int32_t down_stream = 0;
  Connection* up = nullptr;
  int32_t up_stream = -1;

  bool DownOpen() const { return down != nullptr && !down_closed; }
  bool UpOpen() const { return up != nullptr && !up_closed; }

  std::vector<Header> request_headers;
  std::string path;
  std::string authorization;
  std::optional<absl::Duration> timeout;
  Pending request;
  bool request_done = false;
  MessageSizeGuard guard;

  std::vector<Header> response_headers;
  std::vector<Header> trailers;
  Pending response;
  bool response_started = false;  // Headers sent to the caller.
  bool response_done = false;     // Trailers known.
  bool answered = false;          // The caller has its status.

  bool down_closed = false;
  bool up_closed = false;
  std::optional<std::multimap<absl::Time, Exchange*>::iterator> deadline;

  // Calls for the gateway's own services are logged by its gRPC server.
  bool record = false;
  Admitted admitted;
  absl::Time start;
  int status = -1;
  std::string message;
};

class EventLoop;

// One HTTP/2 connection: a caller's (we are the server) or a backend's (we are
// the client).
class Connection {
 public:
  Connection(EventLoop* loop, int fd, bool upstream);
  ~Connection();

  EventLoop* loop;
  int fd;
  bool upstream;
  nghttp2_session* session = nullptr;
  std::string out;  // Frames not yet written.
  bool connecting = false;
  bool writable_wanted = false;
  bool dirty = false;
  bool dead = false;
  std::unordered_set<Exchange*> exchanges;
  std::string address;  // Upstream: which backend.
};

class EventLoop {
 public:
  EventLoop(FrontDoor* door, const H2FrontOptions& options, int listener)
      : door_(door), options_(options), listener_(listener) {
    epoll_ = epoll_create1(EPOLL_CLOEXEC);
    wake_ = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    Watch(listener_, EPOLLIN, &listener_);
    Watch(wake_, EPOLLIN, &wake_);
  }
  ~EventLoop() {
    std::vector<Connection*> all(connections_.begin(), connections_.end());
    for (Connection* c : all) Close(c);
    for (auto* c : graveyard_) delete c;
    close(epoll_);
    close(wake_);
    if (listener_ >= 0) close(listener_);
  }

  void Run();
  void RequestStop(absl::Time deadline) {
    stop_deadline_ns_ = absl::ToUnixNanos(deadline);
    stop_requested_ = true;
    uint64_t one = 1;
    (void)!write(wake_, &one, sizeof one);
  }

  // nghttp2 callbacks, dispatched by side.
  int OnBeginHeaders(Connection* c, const nghttp2_frame* frame);
  int OnHeader(Connection* c, const nghttp2_frame* frame,
               absl::string_view name, absl::string_view value);
  int OnFrameRecv(Connection* c, const nghttp2_frame* frame);
  int OnDataChunk(Connection* c, int32_t stream, const uint8_t* data, size_t n);
  int OnStreamClose(Connection* c, int32_t stream, uint32_t error);
  ssize_t ReadRequest(Exchange* ex, uint8_t* buf, size_t length,
                      uint32_t* flags);
  ssize_t ReadResponse(Exchange* ex, uint8_t* buf, size_t length,
                       uint32_t* flags);

  void MarkDirty(Connection* c) {
    if (c != nullptr && !c->dirty && !c->dead) {
      c->dirty = true;
      dirty_.push_back(c);
    }
  }

 private:
  void Watch(int fd, uint32_t events, void* ptr) {
    epoll_event ev{};
    ev.events = events;
    ev.data.ptr = ptr;
    epoll_ctl(epoll_, EPOLL_CTL_ADD, fd, &ev);
  }
  void Rewatch(Connection* c) {
    epoll_event ev{};
    ev.events = EPOLLIN | (c->writable_wanted ? uint32_t{EPOLLOUT} : 0u);
    ev.data.ptr = c;
    epoll_ctl(epoll_, EPOLL_CTL_MOD, c->fd, &ev);
  }

  void Accept();
  void OnEvent(Connection* c, uint32_t events);
  void Flush(Connection* c);
  void Close(Connection* c);
  Connection* Upstream(const std::string& address);

  void Begin(Exchange* ex);
  void Forward(Exchange* ex, const std::string& address,
               std::vector<Header> headers);
  void Answer(Exchange* ex, int code, absl::string_view message);
  void FinishResponse(Exchange* ex);
  void MaybeDone(Exchange* ex);
  void ExpireDeadlines();

  FrontDoor* door_;
  H2FrontOptions options_;
  int listener_;
  int epoll_ = -1;
  int wake_ = -1;
  std::unordered_set<Connection*> connections_;
  std::vector<Connection*> dirty_;
  std::vector<Connection*> graveyard_;
  absl::flat_hash_map<std::string, Connection*> upstreams_;
  std::multimap<absl::Time, Exchange*> deadlines_;
  std::unordered_set<Exchange*> live_;
  std::atomic<bool> stop_requested_{false};
  std::atomic<int64_t> stop_deadline_ns_{0};
  bool stopping_ = false;
};

namespace {

EventLoop* LoopOf(void* user_data) {
  return static_cast<Connection*>(user_data)->loop;
}

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
    // Window updates follow what the other side has taken, so a slow reader
    // slows its writer instead of filling the gateway's memory.
    nghttp2_option_set_no_auto_window_update(o, 1);
    return o;
  }();
  return options;
}

}  // namespace

Connection::Connection(EventLoop* l, int f, bool up)
    : loop(l), fd(f), upstream(up) {
  if (upstream) {
    nghttp2_session_client_new2(&session, Callbacks(), this, Options());
  } else {
    nghttp2_session_server_new2(&session, Callbacks(), this, Options());
  }
  nghttp2_settings_entry settings[] = {
      {NGHTTP2_SETTINGS_MAX_CONCURRENT_STREAMS, 1000},
      {NGHTTP2_SETTINGS_INITIAL_WINDOW_SIZE, kStreamWindow}};
  nghttp2_submit_settings(session, NGHTTP2_FLAG_NONE, settings, 2);
  nghttp2_session_set_local_window_size(session, NGHTTP2_FLAG_NONE, 0,
                                        kConnectionWindow);
}

Connection::~Connection() {
  nghttp2_session_del(session);
  if (fd >= 0) close(fd);
}

void EventLoop::Run() {
  epoll_event events[128];
  while (true) {
    if (stop_requested_ && !stopping_) {
      stopping_ = true;
      epoll_ctl(epoll_, EPOLL_CTL_DEL, listener_, nullptr);
      close(listener_);
      listener_ = -1;
      for (Connection* c : connections_) {
        if (c->upstream) continue;
        nghttp2_submit_goaway(
            c->session, NGHTTP2_FLAG_NONE,
            nghttp2_session_get_last_proc_stream_id(c->session),
            NGHTTP2_NO_ERROR, nullptr, 0);
        MarkDirty(c);
      }
    }
    // Flushing runs data callbacks that may dirty other connections.
    for (size_t i = 0; i < dirty_.size(); ++i) {
      dirty_[i]->dirty = false;
      Flush(dirty_[i]);
    }
    dirty_.clear();
    if (stopping_ && (live_.empty() ||
                      absl::Now() >= absl::FromUnixNanos(stop_deadline_ns_)))
      return;
    for (Connection* c : graveyard_) delete c;
    graveyard_.clear();

    int timeout_ms = stopping_ ? 50 : -1;
    if (!deadlines_.empty()) {
      int64_t ms =
          absl::ToInt64Milliseconds(deadlines_.begin()->first - absl::Now()) +
          1;
      ms = std::max<int64_t>(0, ms);
      timeout_ms = timeout_ms < 0
                       ? static_cast<int>(std::min<int64_t>(ms, 1 << 30))
                       : std::min<int>(timeout_ms, ms);
    }
    int n = epoll_wait(epoll_, events, 128, timeout_ms);
    for (int i = 0; i < n; ++i) {
      void* ptr = events[i].data.ptr;
      if (ptr == &listener_) {
        Accept();
      } else if (ptr == &wake_) {
        uint64_t value;
        (void)!read(wake_, &value, sizeof value);
      } else {
        OnEvent(static_cast<Connection*>(ptr), events[i].events);
      }
    }
    ExpireDeadlines();
  }
}

void EventLoop::Accept() {
  while (true) {
    int fd = accept4(listener_, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd < 0) return;
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    auto* c = new Connection(this, fd, /*upstream=*/false);
    connections_.insert(c);
    Watch(fd, EPOLLIN, c);
    MarkDirty(c);  // Our SETTINGS.
  }
}

void EventLoop::OnEvent(Connection* c, uint32_t events) {
  if (c->dead) return;
  if (c->connecting && (events & (EPOLLOUT | EPOLLERR | EPOLLHUP))) {
    int error = 0;
    socklen_t len = sizeof error;
    getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &error, &len);
    if (error != 0) {
      Close(c);
      return;
    }
    c->connecting = false;
  }
  if (events & (EPOLLIN | EPOLLERR | EPOLLHUP)) {
    uint8_t buf[kReadChunk];
    while (!c->connecting) {
      ssize_t n = read(c->fd, buf, sizeof buf);
      if (n > 0) {
        if (nghttp2_session_mem_recv(c->session, buf, n) < 0) {
          Close(c);
          return;
        }
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
  const uint8_t* data;
  ssize_t n;
  while ((n = nghttp2_session_mem_send(c->session, &data)) > 0)
    c->out.append(reinterpret_cast<const char*>(data), n);
  if (n < 0) {
    Close(c);
    return;
  }
  if (!c->connecting && !c->out.empty()) {
    ssize_t written = write(c->fd, c->out.data(), c->out.size());
    if (written < 0 && errno != EAGAIN && errno != EINTR) {
      Close(c);
      return;
    }
    if (written > 0) c->out.erase(0, written);
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
  if (c->upstream) {
    auto it = upstreams_.find(c->address);
    if (it != upstreams_.end() && it->second == c) upstreams_.erase(it);
  }
  // The streams on it end with the connection.
  std::vector<Exchange*> affected(c->exchanges.begin(), c->exchanges.end());
  for (Exchange* ex : affected) {
    if (c->upstream) {
      ex->up_closed = true;
      ex->up = nullptr;
      if (!ex->response_done) Answer(ex, 14, "the backend connection was lost");
    } else {
      ex->down_closed = true;
      ex->down = nullptr;
      if (ex->UpOpen()) {
        nghttp2_submit_rst_stream(ex->up->session, NGHTTP2_FLAG_NONE,
                                  ex->up_stream, NGHTTP2_CANCEL);
        MarkDirty(ex->up);
      }
    }
    MaybeDone(ex);
  }
  graveyard_.push_back(c);
}

Connection* EventLoop::Upstream(const std::string& address) {
  auto it = upstreams_.find(address);
  if (it != upstreams_.end() && !it->second->dead &&
      nghttp2_session_check_request_allowed(it->second->session)) {
    return it->second;
  }
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
    return nullptr;
  }
  int fd =
      socket(found->ai_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  int rc = fd < 0 ? -1 : connect(fd, found->ai_addr, found->ai_addrlen);
  freeaddrinfo(found);
  if (fd < 0 || (rc < 0 && errno != EINPROGRESS)) {
    if (fd >= 0) close(fd);
    return nullptr;
  }
  int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  auto* c = new Connection(this, fd, /*upstream=*/true);
  c->address = address;
  c->connecting = rc < 0;
  c->writable_wanted = true;
  connections_.insert(c);
  Watch(fd, EPOLLIN | EPOLLOUT, c);
  upstreams_[address] = c;
  return c;
}

int EventLoop::OnBeginHeaders(Connection* c, const nghttp2_frame* frame) {
  if (c->upstream || frame->hd.type != NGHTTP2_HEADERS ||
      frame->headers.cat != NGHTTP2_HCAT_REQUEST) {
    return 0;
  }
  auto* ex = new Exchange();
  ex->down = c;
  ex->down_stream = frame->hd.stream_id;
  ex->start = absl::Now();
  c->exchanges.insert(ex);
  live_.insert(ex);
  nghttp2_session_set_stream_user_data(c->session, frame->hd.stream_id, ex);
  return 0;
}

int EventLoop::OnHeader(Connection* c, const nghttp2_frame* frame,
                        absl::string_view name, absl::string_view value) {
  auto* ex = static_cast<Exchange*>(
      nghttp2_session_get_stream_user_data(c->session, frame->hd.stream_id));
  if (ex == nullptr) return 0;
  if (!c->upstream) {
    if (name == ":path") ex->path = std::string(value);
    if (name == "authorization") ex->authorization = std::string(value);
    if (name == "grpc-timeout") {
      absl::Duration d;
      if (ParseGrpcTimeout(value, &d)) ex->timeout = d;
    }
    ex->request_headers.push_back({std::string(name), std::string(value)});
    return 0;
  }
  if (name == "grpc-status") absl::SimpleAtoi(value, &ex->status);
  if (name == "grpc-message") ex->message = PercentDecode(value);
  if (IsHopByHop(name)) return 0;
  (frame->headers.cat == NGHTTP2_HCAT_RESPONSE ? ex->response_headers
                                               : ex->trailers)
      .push_back({std::string(name), std::string(value)});
  return 0;
}

int EventLoop::OnFrameRecv(Connection* c, const nghttp2_frame* frame) {
  auto* ex = static_cast<Exchange*>(
      nghttp2_session_get_stream_user_data(c->session, frame->hd.stream_id));
  if (ex == nullptr) return 0;
  bool end = frame->hd.flags & NGHTTP2_FLAG_END_STREAM;
  if (!c->upstream) {
    if (frame->hd.type == NGHTTP2_HEADERS &&
        frame->headers.cat == NGHTTP2_HCAT_REQUEST) {
      Begin(ex);
    }
    if (end &&
        (frame->hd.type == NGHTTP2_HEADERS || frame->hd.type == NGHTTP2_DATA)) {
      ex->request_done = true;
      if (ex->UpOpen()) {
        nghttp2_session_resume_data(ex->up->session, ex->up_stream);
        MarkDirty(ex->up);
      }
    }
    return 0;
  }
  if (frame->hd.type == NGHTTP2_HEADERS) {
    if (frame->headers.cat == NGHTTP2_HCAT_RESPONSE && end) {
      // Trailers-only: the status travels in the only headers.
      ex->response_done = true;
      if (!ex->answered && ex->DownOpen()) {
        std::vector<nghttp2_nv> nv = Nvs(ex->response_headers);
        nghttp2_submit_response(ex->down->session, ex->down_stream, nv.data(),
                                nv.size(), nullptr);
        ex->answered = ex->response_started = true;
        MarkDirty(ex->down);
      }
      return 0;
    }
    if (frame->headers.cat == NGHTTP2_HCAT_RESPONSE) {
      if (!ex->DownOpen() || ex->answered) return 0;
      std::vector<nghttp2_nv> nv = Nvs(ex->response_headers);
      nghttp2_data_provider provider;
      provider.source.ptr = ex;
      provider.read_callback = [](nghttp2_session* s, int32_t, uint8_t* buf,
                                  size_t length, uint32_t* flags,
                                  nghttp2_data_source* source,
                                  void* user) -> ssize_t {
        (void)s;
        return LoopOf(user)->ReadResponse(static_cast<Exchange*>(source->ptr),
                                          buf, length, flags);
      };
      nghttp2_submit_response(ex->down->session, ex->down_stream, nv.data(),
                              nv.size(), &provider);
      ex->response_started = true;
      MarkDirty(ex->down);
      return 0;
    }
    if (end) FinishResponse(ex);  // Trailers.
    return 0;
  }
  if (frame->hd.type == NGHTTP2_DATA && end) FinishResponse(ex);
  return 0;
}

void EventLoop::FinishResponse(Exchange* ex) {
  ex->response_done = true;
  if (ex->trailers.empty()) {
    ex->status = 13;
    ex->trailers = {{"grpc-status", "13"},
                    {"grpc-message", "the backend ended without a status"}};
  }
  if (ex->DownOpen()) {
    nghttp2_session_resume_data(ex->down->session, ex->down_stream);
    MarkDirty(ex->down);
  }
}

int EventLoop::OnDataChunk(Connection* c, int32_t stream, const uint8_t* data,
                           size_t n) {
  auto* ex = static_cast<Exchange*>(
      nghttp2_session_get_stream_user_data(c->session, stream));
  if (ex == nullptr) return 0;
  if (!c->upstream) {
    if (!ex->UpOpen() || ex->answered) {
      // Refused, or the backend is gone: nobody will read it.
      nghttp2_session_consume(c->session, stream, n);
      return 0;
    }
    if (!ex->guard.Feed(data, n, options_.max_message_bytes)) {
      nghttp2_session_consume(c->session, stream, n);
      Answer(ex, 8,
             absl::StrCat("a request message is larger than ",
                          options_.max_message_bytes, " bytes"));
      return 0;
    }
    ex->request.Append(data, n);
    nghttp2_session_resume_data(ex->up->session, ex->up_stream);
    MarkDirty(ex->up);
    return 0;
  }
  if (!ex->DownOpen() || ex->answered) {
    nghttp2_session_consume(c->session, stream, n);
    return 0;
  }
  ex->response.Append(data, n);
  nghttp2_session_resume_data(ex->down->session, ex->down_stream);
  MarkDirty(ex->down);
  return 0;
}

int EventLoop::OnStreamClose(Connection* c, int32_t stream, uint32_t error) {
  auto* ex = static_cast<Exchange*>(
      nghttp2_session_get_stream_user_data(c->session, stream));
  if (ex == nullptr) return 0;
  if (!c->upstream) {
    ex->down_closed = true;
    if (ex->UpOpen() && !ex->response_done) {
      // The caller gave up: so does the backend.
      nghttp2_submit_rst_stream(ex->up->session, NGHTTP2_FLAG_NONE,
                                ex->up_stream, NGHTTP2_CANCEL);
      MarkDirty(ex->up);
      if (ex->status < 0) ex->status = 1;
    }
  } else {
    ex->up_closed = true;
    if (!ex->response_done)
      Answer(ex, 14, "the backend closed the call without a status");
  }
  MaybeDone(ex);
  return 0;
}

ssize_t EventLoop::ReadRequest(Exchange* ex, uint8_t* buf, size_t length,
                               uint32_t* flags) {
  size_t n = ex->request.Take(buf, length);
  if (n > 0 && ex->down != nullptr) {  // Also when its stream has closed.
    nghttp2_session_consume(ex->down->session, ex->down_stream, n);
    MarkDirty(ex->down);
  }
  if (ex->request.size() == 0 && ex->request_done) {
    *flags |= NGHTTP2_DATA_FLAG_EOF;
    return n;
  }
  return n > 0 ? static_cast<ssize_t>(n) : ssize_t{NGHTTP2_ERR_DEFERRED};
}

ssize_t EventLoop::ReadResponse(Exchange* ex, uint8_t* buf, size_t length,
                                uint32_t* flags) {
  size_t n = ex->response.Take(buf, length);
  if (n > 0 && ex->up != nullptr) {  // Also when its stream has closed.
    nghttp2_session_consume(ex->up->session, ex->up_stream, n);
    MarkDirty(ex->up);
  }
  if (ex->response.size() == 0 && ex->response_done && !ex->answered) {
    *flags |= NGHTTP2_DATA_FLAG_EOF | NGHTTP2_DATA_FLAG_NO_END_STREAM;
    std::vector<nghttp2_nv> nv = Nvs(ex->trailers);
    nghttp2_submit_trailer(ex->down->session, ex->down_stream, nv.data(),
                           nv.size());
    ex->answered = true;
    return n;
  }
  return n > 0 ? static_cast<ssize_t>(n) : ssize_t{NGHTTP2_ERR_DEFERRED};
}

void EventLoop::Begin(Exchange* ex) {
  absl::StatusOr<const Route*> route = door_->routes()->Find(ex->path);
  if (!absl::StartsWith(ex->path, "/unionhub.") ||
      (route.ok() && (*route)->backend == nullptr)) {
    // The gateway's own services (AuthService, health, reflection): its gRPC
    // server admits and logs them.
    std::vector<Header> headers;
    for (Header& h : ex->request_headers) {
      if (h.name[0] != ':' && h.name != "te" && !IsHopByHop(h.name))
        headers.push_back(std::move(h));
    }
    Forward(ex, options_.internal_address, std::move(headers));
    return;
  }
  ex->record = true;
  absl::Status admitted = door_->Admit(route, ex->authorization, ex->admitted);
  if (!admitted.ok()) {
    Answer(ex, static_cast<int>(admitted.code()), admitted.message());
    return;
  }
  std::vector<Header> headers;
  absl::Duration timeout = door_->BackendTimeout(ex->timeout);
  headers.push_back({"grpc-timeout", GrpcTimeout(timeout)});
  ex->deadline = deadlines_.emplace(absl::Now() + timeout, ex);
  for (Header& h : ex->request_headers) {
    if (ForwardsMetadata(h.name) || h.name == "content-type" ||
        h.name == "grpc-encoding" || h.name == "grpc-accept-encoding" ||
        h.name == "user-agent") {
      headers.push_back(std::move(h));
    }
  }
  headers.push_back(
      {auth::kPrincipalMetadataKey, door_->SignPrincipal(ex->admitted.caller)});
  Forward(ex, ex->admitted.route->backend->address, std::move(headers));
}

void EventLoop::Forward(Exchange* ex, const std::string& address,
                        std::vector<Header> headers) {
  ex->request_headers.clear();
  Connection* up = Upstream(address);
  if (up == nullptr) {
    Answer(ex, 14, "the backend is unreachable");
    return;
  }
  std::vector<Header> all = {{":method", "POST"},
                             {":scheme", "http"},
                             {":path", ex->path},
                             {":authority", address},
                             {"te", "trailers"}};
  bool has_type = false;
  for (Header& h : headers) {
    has_type = has_type || h.name == "content-type";
    all.push_back(std::move(h));
  }
  if (!has_type) all.push_back({"content-type", "application/grpc"});
  std::vector<nghttp2_nv> nv = Nvs(all);
  nghttp2_data_provider provider;
  provider.source.ptr = ex;
  provider.read_callback =
      [](nghttp2_session*, int32_t, uint8_t* buf, size_t length,
         uint32_t* flags, nghttp2_data_source* source, void* user) -> ssize_t {
    return LoopOf(user)->ReadRequest(static_cast<Exchange*>(source->ptr), buf,
                                     length, flags);
  };
  int32_t stream = nghttp2_submit_request(up->session, nullptr, nv.data(),
                                          nv.size(), &provider, ex);
  if (stream < 0) {
    Answer(ex, 14, "the backend refused the call");
    return;
  }
  ex->up = up;
  ex->up_stream = stream;
  up->exchanges.insert(ex);
  MarkDirty(up);
}

// Gives the caller `code` now, whatever the backend still does.
void EventLoop::Answer(Exchange* ex, int code, absl::string_view message) {
  if (ex->answered) return;
  if (ex->UpOpen()) {
    nghttp2_submit_rst_stream(ex->up->session, NGHTTP2_FLAG_NONE, ex->up_stream,
                              NGHTTP2_CANCEL);
    MarkDirty(ex->up);
  }
  if (!ex->DownOpen()) {  // Nobody to tell; keep what ended it first.
    ex->answered = true;
    if (ex->status < 0) {
      ex->status = code;
      ex->message = std::string(message);
    }
    return;
  }
  ex->status = code;
  ex->message = std::string(message);
  std::vector<Header> status = {{"grpc-status", std::to_string(code)},
                                {"grpc-message", PercentEncode(message)}};
  if (ex->response_started) {
    // Messages already on their way end here; the status follows as
    // trailers when the caller's data stream is wound up.
    ex->response = Pending();
    ex->response_done = true;
    ex->trailers = status;
    nghttp2_session_resume_data(ex->down->session, ex->down_stream);
  } else {
    ex->answered = true;
    std::vector<Header> only = {{":status", "200"},
                                {"content-type", "application/grpc"}};
    only.insert(only.end(), status.begin(), status.end());
    std::vector<nghttp2_nv> nv = Nvs(only);
    nghttp2_submit_response(ex->down->session, ex->down_stream, nv.data(),
                            nv.size(), nullptr);
    ex->response_started = true;
  }
  MarkDirty(ex->down);
}

void EventLoop::MaybeDone(Exchange* ex) {
  if (ex->DownOpen() || ex->UpOpen()) return;
  if (ex->down != nullptr) ex->down->exchanges.erase(ex);
  if (ex->up != nullptr) ex->up->exchanges.erase(ex);
  if (ex->record) {
    grpc::Status status(
        static_cast<grpc::StatusCode>(ex->status < 0 ? 2 : ex->status),
        ex->message);
    door_->Record(ex->path, &ex->admitted, status, ex->start);
  }
  if (ex->deadline) deadlines_.erase(*ex->deadline);
  live_.erase(ex);
  delete ex;
}

void EventLoop::ExpireDeadlines() {
  absl::Time now = absl::Now();
  while (!deadlines_.empty() && deadlines_.begin()->first <= now) {
    Exchange* ex = deadlines_.begin()->second;
    deadlines_.erase(deadlines_.begin());
    ex->deadline.reset();
    if (!ex->answered) Answer(ex, 4, "deadline exceeded");
  }
}

// ----------------------------------------------------------------

std::string GrpcTimeout(absl::Duration d) {
  int64_t ms = std::max<int64_t>(1, absl::ToInt64Milliseconds(d));
  if (ms < 100000000) return absl::StrCat(ms, "m");
  return absl::StrCat(std::min<int64_t>(ms / 1000, 99999999), "S");
}

bool ParseGrpcTimeout(absl::string_view value, absl::Duration* d) {
  if (value.size() < 2 || value.size() > 9) return false;
  int64_t n;
  if (!absl::SimpleAtoi(value.substr(0, value.size() - 1), &n) || n < 0)
    return false;
  switch (value.back()) {
    case 'H':
      *d = absl::Hours(n);
      return true;
    case 'M':
      *d = absl::Minutes(n);
      return true;
    case 'S':
      *d = absl::Seconds(n);
      return true;
    case 'm':
      *d = absl::Milliseconds(n);
      return true;
    case 'u':
      *d = absl::Microseconds(n);
      return true;
    case 'n':
      *d = absl::Nanoseconds(n);
      return true;
    default:
      return false;
  }
}

absl::StatusOr<std::unique_ptr<H2Front>> H2Front::Start(H2FrontOptions options,
                                                        FrontDoor* door) {
  std::unique_ptr<H2Front> front(new H2Front());
  int port = options.port;
  for (int i = 0; i < std::max(1, options.threads); ++i) {
    addrinfo hints{};
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
    addrinfo* found = nullptr;
    if (getaddrinfo(options.host.c_str(), std::to_string(port).c_str(), &hints,
                    &found) != 0) {
      return absl::InvalidArgumentError(
          absl::StrCat("cannot resolve ", options.host));
    }
    int fd =
        socket(found->ai_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    // One listener per loop on the same port: the kernel spreads callers.
    setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one);
    bool ok = bind(fd, found->ai_addr, found->ai_addrlen) == 0 &&
              listen(fd, 1024) == 0;
    freeaddrinfo(found);
    if (!ok) {
      close(fd);
      return absl::UnavailableError(absl::StrCat("cannot listen on ",
                                                 options.host, ":", port, ": ",
                                                 std::strerror(errno)));
    }
    if (port == 0) {
      sockaddr_storage bound{};
      socklen_t len = sizeof bound;
      getsockname(fd, reinterpret_cast<sockaddr*>(&bound), &len);
      port = ntohs(bound.ss_family == AF_INET6
                       ? reinterpret_cast<sockaddr_in6*>(&bound)->sin6_port
                       : reinterpret_cast<sockaddr_in*>(&bound)->sin_port);
    }
    front->loops_.push_back(std::make_unique<EventLoop>(door, options, fd));
  }
  front->port_ = port;
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
}

H2Front::~H2Front() { Stop(absl::ZeroDuration()); }

}  // namespace unionhub::gateway
