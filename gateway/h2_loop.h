// Inside the gRPC front: one event loop per thread, each with its own callers'
// connections, its own connection to every backend, and the calls (exchanges)
// joining the two. Only h2_front.cc, h2_loop.cc and h2_relay.cc include this.
//
// Flow control: the connection-level window of either side is returned as
// soon as bytes arrive (they are then held per call, and a call holds at most
// its stream window), while a stream's window is returned only as the other
// side takes its bytes. So a caller or backend that stops reading slows only
// its own calls, and no bytes the gateway drops can shrink a connection's
// window for everyone else.
#ifndef UNIONHUB_GATEWAY_H2_LOOP_H_
#define UNIONHUB_GATEWAY_H2_LOOP_H_

#include <nghttp2/nghttp2.h>

#include <atomic>
#include <list>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "gateway/front_door.h"
#include "gateway/grpc_wire.h"
#include "gateway/h2_front.h"

namespace unionhub::gateway {

struct Header {
  std::string name;
  std::string value;
};

// Bytes received on one side, waiting to be sent on the other.
class Pending {
 public:
  size_t size() const { return data_.size() - offset_; }
  void Append(const uint8_t* bytes, size_t n);
  size_t Take(uint8_t* out, size_t n);
  // Forgets what is left; returns how much that was.
  size_t Clear();

 private:
  std::string data_;
  size_t offset_ = 0;
};

// Connections from callers, counted across loops, in all and per address.
class ConnectionSlots {
 public:
  ConnectionSlots(int max_total, int max_per_address)
      : max_total_(max_total), max_per_address_(max_per_address) {}
  // False when `address` or everyone is at the limit; `total_full` says which.
  bool Acquire(const std::string& address, bool* total_full);
  void Release(const std::string& address);

 private:
  const int max_total_;
  const int max_per_address_;
  absl::Mutex mu_;
  int total_ ABSL_GUARDED_BY(mu_) = 0;
  absl::flat_hash_map<std::string, int> per_address_ ABSL_GUARDED_BY(mu_);
};

// A loop's figures, written by the loop and read by H2Front::Stats.
struct LinkStats {
  std::atomic<bool> up{false};
  std::atomic<int64_t> streams{0};
  std::atomic<int64_t> receive_window{0};
  std::atomic<int64_t> send_window{0};
  absl::Mutex mu;
  std::string last_error ABSL_GUARDED_BY(mu);
};

struct LoopStats {
  std::atomic<int64_t> connections{0};
  std::atomic<int64_t> exchanges{0};
  std::atomic<int64_t> buffered_bytes{0};
  std::atomic<int64_t> refused_connections{0};
  std::atomic<int64_t> timed_out_connections{0};
  std::atomic<int64_t> reset_streams{0};
  std::atomic<int64_t> retried_calls{0};
  std::atomic<int64_t> tick_unix_nanos{0};
  // One per entry of FrontShared::links.
  std::vector<std::unique_ptr<LinkStats>> links;
};

// What the loops share.
struct FrontShared {
  FrontShared(H2FrontOptions o, FrontDoor* d)
      : options(std::move(o)),
        door(d),
        slots(options.max_connections, options.max_connections_per_address) {}

  const H2FrontOptions options;
  FrontDoor* const door;
  int listener = -1;
  // Where calls go: the internal server first, then the backends.
  std::vector<Backend> links;
  ConnectionSlots slots;
};

class Connection;
struct Link;

// One call: the caller's stream and the backend's, joined. The connection
// pointers stay set after a stream closes and are cleared only when a
// connection dies.
struct Exchange {
  Connection* down = nullptr;
  int32_t down_stream = 0;
  Connection* up = nullptr;
  int32_t up_stream = -1;
  bool down_closed = false;
  bool up_closed = false;
  bool DownOpen() const { return down != nullptr && !down_closed; }
  bool UpOpen() const { return up != nullptr && !up_closed; }

  std::vector<Header> request_headers;
  size_t metadata_bytes = 0;
  bool metadata_too_large = false;
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
  bool answered = false;          // The caller's status is on its way.

  // One timer at a time: the headers' arrival, then the call's deadline,
  // then the time the caller has to take its answer.
  enum class Timer { kHeaders, kDeadline, kLinger };
  Timer timer = Timer::kHeaders;
  bool reset_sent = false;  // The gateway reset the caller's stream.
  std::optional<std::multimap<absl::Time, Exchange*>::iterator> timer_at;

  // Where the call went (null: no such backend), and its headers as sent
  // (pseudo-headers included), for sending it again.
  Link* link = nullptr;
  std::vector<Header> sent_headers;
  // The request bytes sent so far, kept (up to kMaxReplayBytes) until the
  // backend starts answering: a call the backend refused or cancelled
  // without starting it (it is shutting down) goes once more, to a new
  // connection (EventLoop::Retry).
  std::string replay;
  bool replayable = true;
  bool retried = false;
  bool request_sent = false;  // Its end went to the backend.
  Pending resend;             // Replayed bytes still to send on the retry.

  bool record = false;     // Calls for the gateway's own services are logged
                           // by its gRPC server.
  bool forwarded = false;  // Reached a backend (else refused here).
  Admitted admitted;
  absl::Time start;
  int status = -1;
  std::string message;
};

class EventLoop;

// Per loop and backend: the connection calls go over, and its health.
struct Link {
  std::string address;
  LinkStats* stats = nullptr;
  Connection* conn = nullptr;
  absl::Time retry_at = absl::InfinitePast();
  absl::Duration backoff = absl::ZeroDuration();
};

// One HTTP/2 connection: a caller's (we are the server) or a backend's (we are
// the client).
class Connection {
 public:
  Connection(EventLoop* loop, int fd, bool upstream,
             const H2FrontOptions& options);
  ~Connection();

  EventLoop* const loop;
  const int fd;
  const bool upstream;
  nghttp2_session* session = nullptr;
  std::string out;  // Frames not yet written.
  bool connecting = false;
  bool writable_wanted = false;
  bool dirty = false;
  bool dead = false;
  bool handshaken = false;  // The peer's SETTINGS arrived.
  absl::Time opened;
  std::unordered_set<Exchange*> exchanges;

  // A caller's connection.
  std::string peer;  // Its address, which holds a slot.
  absl::Time idle_since;
  std::list<Connection*>* queue = nullptr;  // Handshaking or idle.
  std::list<Connection*>::iterator queue_pos;
  size_t held = 0;  // Bytes of its calls waiting in the gateway.

  // A backend's connection.
  Link* link = nullptr;
  absl::Time last_received;
  std::optional<absl::Time> ping_sent;
};

class EventLoop {
 public:
  EventLoop(FrontShared* shared, LoopStats* stats);
  ~EventLoop();

  void Run();
  void RequestStop(absl::Time deadline);

  // nghttp2 callbacks (h2_relay.cc).
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
  // Connections and I/O (h2_loop.cc).
  void Watch(int fd, uint32_t events, void* ptr);
  void Rewatch(Connection* c);
  void Accept(absl::Time now);
  bool MakeRoom(bool idle_too);
  void Evict(Connection* c);
  void OnEvent(Connection* c, uint32_t events);
  void Flush(Connection* c);
  void Close(Connection* c);
  void Enqueue(Connection* c, std::list<Connection*>* queue, absl::Time now);
  void Dequeue(Connection* c);
  void Sweep(absl::Time now);
  void CheckLink(Link* link, absl::Time now);
  void PublishStats(absl::Time now);
  Link* LinkFor(const std::string& address);
  // The connection to `link`'s backend, opened if need be; null when it is
  // unreachable.
  Connection* Upstream(Link* link, absl::Time now);
  void LinkFailed(Link* link, absl::string_view why, absl::Time now);

  // Calls (h2_relay.cc).
  void Begin(Exchange* ex);
  void Forward(Exchange* ex, const std::string& address,
               std::vector<Header> headers);
  // Sends the call (ex->sent_headers, then its request) to ex->link.
  void Submit(Exchange* ex);
  // Sends a call the backend never started again, once, when the caller has
  // had nothing of it yet and its request was kept; false if it cannot. The
  // old stream must be closed or have had all of its request (so that
  // nghttp2 asks no more of it).
  bool Retry(Exchange* ex, bool old_stream_closed);
  // Keeps `n` request bytes just sent, while the call may still be retried.
  void Keep(Exchange* ex, const uint8_t* bytes, size_t n);
  // The backend started answering (or the request grew too big): no retry.
  void ForgetReplay(Exchange* ex);
  void Answer(Exchange* ex, int code, absl::string_view message);
  void FinishResponse(Exchange* ex);
  void RetryableIfBackendCancelled(Exchange* ex, std::vector<Header>& status);
  void MaybeDone(Exchange* ex);
  void SetTimer(Exchange* ex, Exchange::Timer kind, absl::Time at);
  void ExpireTimers(absl::Time now);
  // Counts `delta` bytes more (or fewer) waiting for `ex`.
  void Hold(Exchange* ex, int64_t delta);
  // Moves up to `length` bytes of `pending` into `buf`, returning their
  // stream window to `from`, the side they came from.
  size_t Take(Exchange* ex, Pending& pending, Connection* from, int32_t stream,
              uint8_t* buf, size_t length);
  // A connection or stream ended under the exchange (h2_relay.cc).
  void LoseUpstream(Exchange* ex, absl::string_view why);
  void LoseCaller(Exchange* ex);

  FrontShared* const shared_;
  const H2FrontOptions& options_;
  FrontDoor* const door_;
  LoopStats* const stats_;
  int epoll_ = -1;
  int wake_ = -1;
  bool listening_ = false;
  absl::Time accept_resume_at_ = absl::InfinitePast();
  std::unordered_set<Connection*> connections_;
  // Callers' connections without a call, oldest first: not yet through the
  // handshake, and idle. Timeouts and making room take from the front.
  std::list<Connection*> handshaking_;
  std::list<Connection*> idle_;
  std::vector<Connection*> dirty_;
  std::vector<Connection*> graveyard_;
  std::vector<std::unique_ptr<Link>> links_;
  std::multimap<absl::Time, Exchange*> timers_;
  int64_t exchanges_ = 0;
  int64_t buffered_ = 0;
  std::atomic<bool> stop_requested_{false};
  std::atomic<int64_t> stop_deadline_ns_{0};
  bool stopping_ = false;
  absl::Time next_sweep_ = absl::InfinitePast();
};

}  // namespace unionhub::gateway

#endif  // UNIONHUB_GATEWAY_H2_LOOP_H_
