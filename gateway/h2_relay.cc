// The event loop's calls: each caller's stream is admitted, relayed to its
// backend and back, and ended on time whatever either side does.
#include <algorithm>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "gateway/h2_loop.h"

namespace unionhub::gateway {
namespace {

// gRPC status codes the front answers with itself.
constexpr int kCancelled = 1;
constexpr int kDeadlineExceeded = 4;
constexpr int kResourceExhausted = 8;
constexpr int kInternal = 13;
constexpr int kUnavailable = 14;

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

// The largest request kept for a retry: unary calls' requests, and the start
// of a stream's, are far smaller.
constexpr size_t kMaxReplayBytes = 64 << 10;

// Enough for what gRPC clients send, so a call's headers are stored without
// growing the vector (a few percent of the front's CPU when it grew).
constexpr size_t kTypicalHeaders = 12;

std::vector<nghttp2_nv> Nvs(const std::vector<Header>& headers) {
  std::vector<nghttp2_nv> nv;
  nv.reserve(headers.size());
  for (const Header& h : headers) nv.push_back(Nv(h));
  return nv;
}

Exchange* ExchangeOf(Connection* c, int32_t stream) {
  return static_cast<Exchange*>(
      nghttp2_session_get_stream_user_data(c->session, stream));
}

}  // namespace

int EventLoop::OnBeginHeaders(Connection* c, const nghttp2_frame* frame) {
  if (c->upstream || frame->hd.type != NGHTTP2_HEADERS ||
      frame->headers.cat != NGHTTP2_HCAT_REQUEST) {
    return 0;
  }
  auto* ex = new Exchange();
  ex->down = c;
  ex->down_stream = frame->hd.stream_id;
  ex->start = absl::Now();
  Dequeue(c);  // Not idle any more.
  c->exchanges.insert(ex);
  ++exchanges_;
  nghttp2_session_set_stream_user_data(c->session, frame->hd.stream_id, ex);
  SetTimer(ex, Exchange::Timer::kHeaders,
           ex->start + options_.handshake_timeout);
  return 0;
}

int EventLoop::OnHeader(Connection* c, const nghttp2_frame* frame,
                        absl::string_view name, absl::string_view value) {
  Exchange* ex = ExchangeOf(c, frame->hd.stream_id);
  if (ex == nullptr) return 0;
  if (!c->upstream) {
    // Counted as HTTP/2 counts a header list; past the limit nothing more is
    // kept, and the call is refused once its headers end.
    ex->metadata_bytes += name.size() + value.size() + 32;
    if (ex->metadata_bytes > options_.max_metadata_bytes) {
      ex->metadata_too_large = true;
      return 0;
    }
    if (name == ":path") ex->path = std::string(value);
    if (name == "authorization") ex->authorization = std::string(value);
    if (name == "grpc-timeout") {
      absl::Duration d;
      if (ParseGrpcTimeout(value, &d)) ex->timeout = d;
    }
    if (ex->request_headers.empty())
      ex->request_headers.reserve(kTypicalHeaders);
    ex->request_headers.push_back({std::string(name), std::string(value)});
    return 0;
  }
  if (name == "grpc-status") (void)absl::SimpleAtoi(value, &ex->status);
  if (name == "grpc-message") ex->message = PercentDecode(value);
  if (IsHopByHop(name)) return 0;
  (frame->headers.cat == NGHTTP2_HCAT_RESPONSE ? ex->response_headers
                                               : ex->trailers)
      .push_back({std::string(name), std::string(value)});
  return 0;
}

int EventLoop::OnFrameRecv(Connection* c, const nghttp2_frame* frame) {
  if (frame->hd.type == NGHTTP2_SETTINGS &&
      !(frame->hd.flags & NGHTTP2_FLAG_ACK) && !c->handshaken) {
    c->handshaken = true;
    if (c->upstream) {
      c->link->backoff = absl::ZeroDuration();
      c->link->stats->up = true;
    } else if (c->exchanges.empty()) {
      Enqueue(c, &idle_, absl::Now());
    } else {
      Dequeue(c);
    }
  }
  if (frame->hd.type == NGHTTP2_PING && (frame->hd.flags & NGHTTP2_FLAG_ACK))
    c->ping_sent.reset();
  Exchange* ex = ExchangeOf(c, frame->hd.stream_id);
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
      // Trailers-only: the status travels in the only headers. CANCELLED
      // while the caller is still there: the backend cancelled the call
      // without starting it (see RetryableIfBackendCancelled).
      if (ex->status == kCancelled && Retry(ex, false)) return 0;
      ForgetReplay(ex);
      ex->response_done = true;
      if (!ex->answered && ex->DownOpen()) {
        RetryableIfBackendCancelled(ex, ex->response_headers);
        std::vector<nghttp2_nv> nv = Nvs(ex->response_headers);
        nghttp2_submit_response(ex->down->session, ex->down_stream, nv.data(),
                                nv.size(), nullptr);
        ex->answered = ex->response_started = true;
        MarkDirty(ex->down);
      }
      return 0;
    }
    if (frame->headers.cat == NGHTTP2_HCAT_RESPONSE) {
      ForgetReplay(ex);
      if (!ex->DownOpen() || ex->answered) return 0;
      std::vector<nghttp2_nv> nv = Nvs(ex->response_headers);
      nghttp2_data_provider provider;
      provider.source.ptr = ex;
      provider.read_callback = [](nghttp2_session*, int32_t, uint8_t* buf,
                                  size_t length, uint32_t* flags,
                                  nghttp2_data_source* source,
                                  void* user) -> ssize_t {
        auto* c = static_cast<Connection*>(user);
        return c->loop->ReadResponse(static_cast<Exchange*>(source->ptr), buf,
                                     length, flags);
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
    ex->status = kInternal;
    ex->trailers = {{"grpc-status", std::to_string(kInternal)},
                    {"grpc-message", "the backend ended without a status"}};
  }
  if (ex->DownOpen()) RetryableIfBackendCancelled(ex, ex->trailers);
  if (ex->DownOpen()) {
    nghttp2_session_resume_data(ex->down->session, ex->down_stream);
    MarkDirty(ex->down);
  }
}

void EventLoop::RetryableIfBackendCancelled(Exchange* ex,
                                            std::vector<Header>& status) {
  // The caller is still there, so the backend cancelled the call on its own:
  // it is shutting down (gRPC cancels the calls it had not yet given to a
  // handler, grpc/grpc#41785). That is UNAVAILABLE, which callers retry.
  if (ex->status != kCancelled) return;
  ex->status = kUnavailable;
  ex->message = "the backend stopped the call (it is shutting down); retry";
  status.erase(std::remove_if(status.begin(), status.end(),
                              [](const Header& h) {
                                return h.name == "grpc-status" ||
                                       h.name == "grpc-message";
                              }),
               status.end());
  status.push_back({"grpc-status", std::to_string(kUnavailable)});
  status.push_back({"grpc-message", PercentEncode(ex->message)});
}

int EventLoop::OnDataChunk(Connection* c, int32_t stream, const uint8_t* data,
                           size_t n) {
  // The bytes are the call's now (bounded by its stream window): the
  // connection's window is returned at once, the stream's as they move on.
  nghttp2_session_consume_connection(c->session, n);
  Exchange* ex = ExchangeOf(c, stream);
  bool upstream = c->upstream;
  bool drop = ex == nullptr || ex->answered ||
              (upstream ? !ex->DownOpen() : !ex->UpOpen());
  if (!drop && !upstream &&
      !ex->guard.Feed(data, n, options_.max_message_bytes)) {
    Answer(ex, kResourceExhausted,
           absl::StrCat("a request message is larger than ",
                        options_.max_message_bytes, " bytes"));
    drop = true;
  }
  if (drop) {  // Nobody will read it.
    nghttp2_session_consume_stream(c->session, stream, n);
    return 0;
  }
  Connection* other = upstream ? ex->down : ex->up;
  (upstream ? ex->response : ex->request).Append(data, n);
  Hold(ex, static_cast<int64_t>(n));
  nghttp2_session_resume_data(other->session,
                              upstream ? ex->down_stream : ex->up_stream);
  MarkDirty(other);
  return 0;
}

int EventLoop::OnStreamClose(Connection* c, int32_t stream, uint32_t error) {
  Exchange* ex = ExchangeOf(c, stream);
  if (ex == nullptr) return 0;
  if (!c->upstream) {
    ex->down_closed = true;
    if (!ex->answered && ex->status < 0) {
      ex->status = kCancelled;
      ex->message = "the caller cancelled the call";
    }
    if (ex->UpOpen() && !ex->response_done) {
      // The caller gave up: so does the backend.
      nghttp2_submit_rst_stream(ex->up->session, NGHTTP2_FLAG_NONE,
                                ex->up_stream, NGHTTP2_CANCEL);
      MarkDirty(ex->up);
    }
  } else {
    // Refused streams were never processed (HTTP/2 says so): a backend
    // going away refuses those past its GOAWAY.
    if (!ex->response_done && error == NGHTTP2_REFUSED_STREAM &&
        Retry(ex, true))
      return 0;
    ex->up_closed = true;
    if (!ex->response_done) {
      Answer(ex, kUnavailable,
             error == NGHTTP2_REFUSED_STREAM
                 ? "the backend refused the call (it may be shutting down)"
                 : "the backend closed the call without a status");
    }
  }
  MaybeDone(ex);
  return 0;
}

void EventLoop::LoseUpstream(Exchange* ex, absl::string_view why) {
  ex->up_closed = true;
  ex->up = nullptr;
  if (!ex->response_done) Answer(ex, kUnavailable, why);
  MaybeDone(ex);
}

void EventLoop::LoseCaller(Exchange* ex) {
  ex->down_closed = true;
  ex->down = nullptr;
  if (!ex->answered && ex->status < 0) {
    ex->status = kCancelled;
    ex->message = "the caller went away";
  }
  if (ex->UpOpen()) {
    nghttp2_submit_rst_stream(ex->up->session, NGHTTP2_FLAG_NONE, ex->up_stream,
                              NGHTTP2_CANCEL);
    MarkDirty(ex->up);
  }
  MaybeDone(ex);
}

size_t EventLoop::Take(Exchange* ex, Pending& pending, Connection* from,
                       int32_t stream, uint8_t* buf, size_t length) {
  size_t n = pending.Take(buf, length);
  if (n > 0) {
    Hold(ex, -static_cast<int64_t>(n));
    if (from != nullptr) {  // Also when its stream has closed.
      nghttp2_session_consume_stream(from->session, stream, n);
      MarkDirty(from);
    }
  }
  return n;
}

ssize_t EventLoop::ReadRequest(Exchange* ex, uint8_t* buf, size_t length,
                               uint32_t* flags) {
  size_t n = 0;
  if (ex->resend.size() > 0) {  // A retry: what the caller sent already.
    n = ex->resend.Take(buf, length);
    Hold(ex, -static_cast<int64_t>(n));
  } else {
    n = Take(ex, ex->request, ex->down, ex->down_stream, buf, length);
    Keep(ex, buf, n);
  }
  if (ex->resend.size() == 0 && ex->request.size() == 0 && ex->request_done) {
    *flags |= NGHTTP2_DATA_FLAG_EOF;
    ex->request_sent = true;
    return n;
  }
  return n > 0 ? static_cast<ssize_t>(n) : ssize_t{NGHTTP2_ERR_DEFERRED};
}

ssize_t EventLoop::ReadResponse(Exchange* ex, uint8_t* buf, size_t length,
                                uint32_t* flags) {
  size_t n = Take(ex, ex->response, ex->up, ex->up_stream, buf, length);
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
  if (route.ok()) ex->admitted.route = *route;
  // The gateway's own services (AuthService, health, reflection) are
  // admitted and logged by its gRPC server.
  bool internal = !absl::StartsWith(ex->path, "/unionhub.") ||
                  (route.ok() && (*route)->backend == nullptr);
  ex->record = !internal;
  absl::Duration timeout = door_->BackendTimeout(ex->timeout);
  SetTimer(ex, Exchange::Timer::kDeadline, ex->start + timeout);
  if (ex->metadata_too_large) {
    Answer(ex, kResourceExhausted,
           absl::StrCat("the call's metadata is larger than ",
                        options_.max_metadata_bytes, " bytes"));
    return;
  }
  if (ex->down->held > options_.max_connection_buffer_bytes) {
    Answer(ex, kResourceExhausted,
           "too many bytes of this connection's calls wait in the gateway: "
           "read the answers of its calls before making more");
    return;
  }
  std::vector<Header> headers;
  headers.reserve(ex->request_headers.size() + 2);
  headers.push_back({"grpc-timeout", GrpcTimeout(timeout)});
  if (internal) {
    for (Header& h : ex->request_headers) {
      if (h.name[0] != ':' && h.name != "te" && h.name != "grpc-timeout" &&
          !IsHopByHop(h.name))
        headers.push_back(std::move(h));
    }
    Forward(ex, options_.internal_address, std::move(headers));
    return;
  }
  absl::Status admitted = door_->Admit(route, ex->authorization, ex->admitted);
  if (!admitted.ok()) {
    Answer(ex, static_cast<int>(admitted.code()), admitted.message());
    return;
  }
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
  std::vector<Header>& all = ex->sent_headers;
  all.reserve(headers.size() + 6);
  all.insert(all.end(), {{":method", "POST"},
                         {":scheme", "http"},
                         {":path", ex->path},
                         {":authority", address},
                         {"te", "trailers"}});
  bool has_type = false;
  for (Header& h : headers) {
    has_type = has_type || h.name == "content-type";
    all.push_back(std::move(h));
  }
  if (!has_type) all.push_back({"content-type", "application/grpc"});
  ex->link = LinkFor(address);
  Submit(ex);
}

void EventLoop::Submit(Exchange* ex) {
  Link* link = ex->link;
  Connection* up = link != nullptr ? Upstream(link, absl::Now()) : nullptr;
  if (up == nullptr) {
    std::string why = "the backend is unreachable";
    if (link != nullptr) {
      absl::MutexLock lock(&link->stats->mu);
      if (!link->stats->last_error.empty())
        absl::StrAppend(&why, " (", link->stats->last_error, ")");
    }
    Answer(ex, kUnavailable, why);
    return;
  }
  std::vector<nghttp2_nv> nv = Nvs(ex->sent_headers);
  nghttp2_data_provider provider;
  provider.source.ptr = ex;
  provider.read_callback =
      [](nghttp2_session*, int32_t, uint8_t* buf, size_t length,
         uint32_t* flags, nghttp2_data_source* source, void* user) -> ssize_t {
    auto* c = static_cast<Connection*>(user);
    return c->loop->ReadRequest(static_cast<Exchange*>(source->ptr), buf,
                                length, flags);
  };
  int32_t stream = nghttp2_submit_request(up->session, nullptr, nv.data(),
                                          nv.size(), &provider, ex);
  if (stream < 0) {
    Answer(ex, kUnavailable, "the backend refused the call");
    return;
  }
  ex->up = up;
  ex->up_stream = stream;
  ex->forwarded = true;
  up->exchanges.insert(ex);
  MarkDirty(up);
}

bool EventLoop::Retry(Exchange* ex, bool old_stream_closed) {
  if (ex->retried || !ex->replayable || ex->response_started || ex->answered ||
      !ex->DownOpen() || stopping_ || !(old_stream_closed || ex->request_sent))
    return false;
  ex->retried = true;
  ++stats_->retried_calls;
  if (Connection* old = ex->up; old != nullptr) {
    // The old stream's last frames find no call; new calls go to a new
    // connection, this one going away.
    if (!old->dead)
      nghttp2_session_set_stream_user_data(old->session, ex->up_stream,
                                           nullptr);
    old->exchanges.erase(ex);
    if (old->link != nullptr && old->link->conn == old)
      old->link->conn = nullptr;
  }
  ex->up = nullptr;
  ex->up_stream = -1;
  ex->up_closed = false;
  ex->response_headers.clear();
  ex->trailers.clear();
  ex->status = -1;
  ex->message.clear();
  // What was sent goes first (still held), then what the caller sends next.
  ex->resend.Append(reinterpret_cast<const uint8_t*>(ex->replay.data()),
                    ex->replay.size());
  std::string().swap(ex->replay);
  ex->replayable = false;
  ex->request_sent = false;
  Submit(ex);
  return true;
}

void EventLoop::Keep(Exchange* ex, const uint8_t* bytes, size_t n) {
  if (!ex->replayable || n == 0) return;
  if (ex->replay.size() + n > kMaxReplayBytes) return ForgetReplay(ex);
  ex->replay.append(reinterpret_cast<const char*>(bytes), n);
  Hold(ex, static_cast<int64_t>(n));
}

void EventLoop::ForgetReplay(Exchange* ex) {
  if (!ex->replayable) return;
  ex->replayable = false;
  Hold(ex, -static_cast<int64_t>(ex->replay.size()));
  std::string().swap(ex->replay);
}

// Gives the caller `code` now, whatever the backend still does, and gives the
// caller `linger` to take it.
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
    // Messages on their way end here; the status follows as trailers when
    // the caller's data stream is wound up.
    Hold(ex, -static_cast<int64_t>(ex->response.Clear()));
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
  SetTimer(ex, Exchange::Timer::kLinger, absl::Now() + options_.linger);
}

void EventLoop::MaybeDone(Exchange* ex) {
  if (ex->DownOpen() || ex->UpOpen()) return;
  Hold(ex, -static_cast<int64_t>(ex->request.size() + ex->response.size() +
                                 ex->replay.size() + ex->resend.size()));
  if (Connection* down = ex->down; down != nullptr) {
    down->exchanges.erase(ex);
    if (down->exchanges.empty() && !down->dead && down->handshaken)
      Enqueue(down, &idle_, absl::Now());
  }
  if (ex->up != nullptr) ex->up->exchanges.erase(ex);
  if (ex->record) {
    grpc::Status status(
        static_cast<grpc::StatusCode>(ex->status < 0 ? 2 : ex->status),
        ex->message);
    door_->Record(ex->path, &ex->admitted, status, ex->start, !ex->forwarded);
  }
  if (ex->timer_at) timers_.erase(*ex->timer_at);
  --exchanges_;
  delete ex;
}

void EventLoop::Hold(Exchange* ex, int64_t delta) {
  buffered_ += delta;
  if (ex->down != nullptr) ex->down->held += delta;
}

void EventLoop::SetTimer(Exchange* ex, Exchange::Timer kind, absl::Time at) {
  if (ex->timer_at) timers_.erase(*ex->timer_at);
  ex->timer = kind;
  ex->timer_at = timers_.emplace(at, ex);
}

void EventLoop::ExpireTimers(absl::Time now) {
  while (!timers_.empty() && timers_.begin()->first <= now) {
    Exchange* ex = timers_.begin()->second;
    timers_.erase(timers_.begin());
    ex->timer_at.reset();
    switch (ex->timer) {
      case Exchange::Timer::kHeaders:  // Its headers never ended.
      case Exchange::Timer::kLinger:   // It does not take its answer.
        if (ex->DownOpen()) {
          // A stream that a reset cannot close either (the caller reads
          // nothing at all) takes its connection with it.
          if (ex->reset_sent) {
            Close(ex->down);
            continue;
          }
          ++stats_->reset_streams;
          nghttp2_submit_rst_stream(ex->down->session, NGHTTP2_FLAG_NONE,
                                    ex->down_stream, NGHTTP2_CANCEL);
          MarkDirty(ex->down);
          ex->reset_sent = true;
          SetTimer(ex, Exchange::Timer::kLinger, now + options_.linger);
        }
        break;
      case Exchange::Timer::kDeadline:
        if (!ex->answered) {
          Answer(ex, kDeadlineExceeded, "deadline exceeded");
        } else if (ex->DownOpen()) {
          SetTimer(ex, Exchange::Timer::kLinger, now + options_.linger);
        }
        break;
    }
  }
}

}  // namespace unionhub::gateway
