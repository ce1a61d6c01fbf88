#include "libs/http/server.h"

#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <list>
#include <optional>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "absl/synchronization/mutex.h"
#include "libs/rpc/log.h"

namespace unionhub::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

std::chrono::steady_clock::duration Chrono(absl::Duration d) {
  return absl::ToChronoNanoseconds(d);
}

absl::string_view View(beast::string_view s) { return {s.data(), s.size()}; }

class Session;

// What the listener and every connection share.
struct Shared {
  ServerOptions options;
  Handler handler;

  std::atomic<bool> stopping{false};
  std::atomic<int64_t> refused{0}, evicted{0}, timed_out{0};

  absl::Mutex mu;
  // Open connections, the longest idle first (roughly: a connection goes to
  // the back each time it finishes a request).
  std::list<Session*> sessions ABSL_GUARDED_BY(mu);
  absl::flat_hash_map<std::string, int> per_address ABSL_GUARDED_BY(mu);
  // Last, so that it goes first: connections it still holds unregister.
  asio::io_context io;

  explicit Shared(ServerOptions o, Handler h)
      : options(std::move(o)), handler(std::move(h)), io(options.threads) {}
};

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(std::shared_ptr<Shared> shared, tcp::socket socket,
          std::string address)
      : shared_(std::move(shared)),
        stream_(std::move(socket)),
        buffer_(std::max<size_t>(
            64 << 10, shared_->options.max_header_bytes + (4 << 10))),
        address_(std::move(address)) {}

  ~Session() {
    absl::MutexLock lock(&shared_->mu);
    shared_->sessions.erase(position_);
    if (--shared_->per_address[address_] == 0)
      shared_->per_address.erase(address_);
  }

  // Called once, under the registry's lock, before the session runs.
  void Register(std::list<Session*>::iterator position) {
    position_ = position;
  }

  void Start() {
    asio::dispatch(stream_.get_executor(),
                   [self = shared_from_this()] { self->ReadRequest(true); });
  }

  // Answering a request, or already closed: not worth evicting.
  bool busy() const { return busy_ || closed_; }

  // Closes the connection unless it is answering a request (which closes it
  // when done, the server being stopped).
  void CloseIfIdle() {
    asio::post(stream_.get_executor(), [self = shared_from_this()] {
      if (!self->busy_) self->Close();
    });
  }
  void Abort() {
    asio::post(stream_.get_executor(),
               [self = shared_from_this()] { self->Close(); });
  }

 private:
  // A new connection has the header timeout for its first request; a kept-
  // alive one waits up to the idle timeout for the next request's first
  // byte, then has the header timeout.
  void ReadRequest(bool first) {
    if (shared_->stopping) return Close();
    parser_.emplace();
    parser_->header_limit(
        static_cast<uint32_t>(shared_->options.max_header_bytes));
    parser_->body_limit(shared_->options.max_body_bytes);
    if (first || buffer_.size() > 0) {
      stream_.expires_after(Chrono(shared_->options.header_timeout));
      return ReadHeader();
    }
    stream_.expires_after(Chrono(shared_->options.idle_timeout));
    stream_.async_read_some(
        buffer_.prepare(4096),
        [self = shared_from_this()](beast::error_code ec, size_t n) {
          if (ec) return self->Failed(ec);
          self->buffer_.commit(n);
          self->stream_.expires_after(
              Chrono(self->shared_->options.header_timeout));
          self->ReadHeader();
        });
  }

  void ReadHeader() {
    http::async_read_header(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, size_t) {
          if (ec) return self->Failed(ec);
          self->ReadBody();
        });
  }

  void ReadBody() {
    auto& request = parser_->get();
    keep_alive_ = request.keep_alive();
    stream_.expires_after(Chrono(shared_->options.body_timeout));
    auto read = [self = shared_from_this()] {
      http::async_read(self->stream_, self->buffer_, *self->parser_,
                       [self](beast::error_code ec, size_t) {
                         if (ec) return self->Failed(ec);
                         self->Handle();
                       });
    };
    if (absl::EqualsIgnoreCase(View(request[http::field::expect]),
                               "100-continue") &&
        !parser_->is_done()) {
      static constexpr char kContinue[] = "HTTP/1.1 100 Continue\r\n\r\n";
      asio::async_write(
          stream_, asio::buffer(kContinue, sizeof kContinue - 1),
          [self = shared_from_this(), read](beast::error_code ec, size_t) {
            if (ec) return self->Failed(ec);
            read();
          });
      return;
    }
    read();
  }

  void Handle() {
    auto message = parser_->release();
    parser_.reset();
    Request request;
    request.method = std::string(View(message.method_string()));
    absl::string_view target = View(message.target());
    request.path = std::string(target.substr(0, target.find('?')));
    for (const auto& field : message) {
      request.headers.emplace_back(
          absl::AsciiStrToLower(View(field.name_string())),
          std::string(View(field.value())));
    }
    request.body = std::move(message.body());
    busy_ = true;
    stream_.expires_never();  // The handler's deadline bounds the wait.
    shared_->handler(std::move(request),
                     [self = shared_from_this()](Response response) {
                       asio::post(self->stream_.get_executor(),
                                  [self, r = std::move(response)]() mutable {
                                    self->Write(std::move(r));
                                  });
                     });
  }

  // Answers a request the server refuses itself, then closes.
  void Refuse(int status, std::string why) {
    busy_ = true;
    keep_alive_ = false;
    Response response;
    if (shared_->options.error_response) {
      response = shared_->options.error_response(status, std::move(why));
    } else {
      response.status = status;
      response.SetContent(why + "\n", "text/plain");
    }
    Write(std::move(response));
  }

  void Write(Response response) {
    response_.emplace();
    response_->version(11);
    response_->result(static_cast<unsigned>(response.status));
    for (auto& [name, value] : response.headers) response_->set(name, value);
    response_->body() = std::move(response.body);
    response_->keep_alive(keep_alive_ && !shared_->stopping);
    response_->prepare_payload();
    stream_.expires_after(Chrono(shared_->options.body_timeout));
    http::async_write(
        stream_, *response_,
        [self = shared_from_this()](beast::error_code ec, size_t) {
          bool again = self->response_->keep_alive();
          self->response_.reset();
          self->busy_ = false;
          if (ec) return self->Failed(ec);
          if (!again) return self->Close();
          self->Idle();
          self->ReadRequest(false);
        });
  }

  // The connection goes to the back of the eviction order.
  void Idle() {
    absl::MutexLock lock(&shared_->mu);
    shared_->sessions.splice(shared_->sessions.end(), shared_->sessions,
                             position_);
  }

  void Failed(beast::error_code ec) {
    if (ec == beast::error::timeout) {
      ++shared_->timed_out;
      return Close();
    }
    if (ec == http::error::header_limit)
      return Refuse(431, "request headers too large");
    if (ec == http::error::body_limit)
      return Refuse(413, "request body too large");
    if (ec.category() ==
            http::make_error_code(http::error::bad_version).category() &&
        ec != http::error::end_of_stream && ec != http::error::partial_message)
      return Refuse(400, "malformed HTTP request: " + ec.message());
    Close();  // The caller went away, or the server is stopping.
  }

  void Close() {
    if (closed_) return;
    closed_ = true;
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream_.close();
  }

  // Shared, since an answer on its way (held by a gRPC call) may keep a
  // session alive after the server is gone. First, so that it goes last.
  std::shared_ptr<Shared> shared_;
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::string address_;
  std::list<Session*>::iterator position_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::optional<http::response<http::string_body>> response_;
  bool keep_alive_ = true;
  std::atomic<bool> closed_{false};
  std::atomic<bool> busy_{false};
};

class BeastServer final : public Server {
 public:
  BeastServer(ServerOptions options, Handler handler)
      : shared_(
            std::make_shared<Shared>(std::move(options), std::move(handler))),
        acceptor_(asio::make_strand(shared_->io)),
        retry_(acceptor_.get_executor()),
        work_(asio::make_work_guard(shared_->io)) {}

  ~BeastServer() override {
    Stop(absl::ZeroDuration(), [] {});
  }

  absl::Status Listen() {
    const ServerOptions& o = shared_->options;
    beast::error_code ec;
    auto address = asio::ip::make_address(o.host, ec);
    if (ec) return absl::InvalidArgumentError("bad host " + o.host);
    tcp::endpoint endpoint(address, static_cast<uint16_t>(o.port));
    acceptor_.open(endpoint.protocol(), ec);
    if (!ec) acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) acceptor_.bind(endpoint, ec);
    if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) {
      return absl::UnavailableError(absl::StrCat("cannot listen for HTTP on ",
                                                 o.host, ":", o.port, ": ",
                                                 ec.message()));
    }
    port_ = acceptor_.local_endpoint().port();
    Accept();
    for (int i = 0; i < std::max(1, o.threads); ++i)
      threads_.emplace_back([this] { shared_->io.run(); });
    return absl::OkStatus();
  }

  int port() const override { return port_; }

  ServerStats Stats() const override {
    ServerStats stats;
    {
      absl::MutexLock lock(&shared_->mu);
      stats.connections = static_cast<int64_t>(shared_->sessions.size());
    }
    stats.refused_connections = shared_->refused;
    stats.evicted_connections = shared_->evicted;
    stats.timed_out_connections = shared_->timed_out;
    return stats;
  }

  void Stop(absl::Duration grace, std::function<void()> grace_over) override {
    if (threads_.empty()) return;
    shared_->stopping = true;
    asio::post(acceptor_.get_executor(), [this] {
      beast::error_code ignored;
      acceptor_.close(ignored);
      retry_.cancel();
    });
    ForEachSession([](Session& s) { s.CloseIfIdle(); });
    if (!AwaitNoSessions(grace)) {
      grace_over();
      if (!AwaitNoSessions(absl::Seconds(1))) {
        ForEachSession([](Session& s) { s.Abort(); });
        AwaitNoSessions(absl::Seconds(1));
      }
    }
    work_.reset();
    shared_->io.stop();
    for (std::thread& t : threads_) t.join();
    threads_.clear();
  }

 private:
  void Accept() {
    acceptor_.async_accept(
        asio::make_strand(shared_->io),
        [this](beast::error_code ec, tcp::socket socket) {
          if (ec == asio::error::operation_aborted || !acceptor_.is_open())
            return;
          if (ec) {
            // Out of descriptors (or another transient failure): free an idle
            // connection and pause instead of spinning on accept.
            bool freed =
                (ec == asio::error::no_descriptors || ec.value() == ENFILE) &&
                EvictOne();
            retry_.expires_after(std::chrono::milliseconds(freed ? 5 : 100));
            retry_.async_wait([this](beast::error_code wait) {
              if (!wait) Accept();
            });
            return;
          }
          Admit(std::move(socket));
          Accept();
        });
  }

  void Admit(tcp::socket socket) {
    beast::error_code ec;
    auto peer = socket.remote_endpoint(ec);
    if (ec) return;
    socket.set_option(tcp::no_delay(true), ec);
    std::string address = peer.address().to_string();
    const ServerOptions& o = shared_->options;
    bool evict = false;
    std::shared_ptr<Session> session;
    {
      absl::MutexLock lock(&shared_->mu);
      int& from_address = shared_->per_address[address];
      if (from_address >= o.max_connections_per_address) {
        ++shared_->refused;
        return;  // The socket closes as it goes out of scope.
      }
      ++from_address;
      evict = static_cast<int>(shared_->sessions.size()) >= o.max_connections;
      session = std::make_shared<Session>(shared_, std::move(socket), address);
      session->Register(
          shared_->sessions.insert(shared_->sessions.end(), session.get()));
    }
    if (evict) EvictOne();
    session->Start();
  }

  // Closes the longest idle connection; false if there is none.
  bool EvictOne() {
    std::shared_ptr<Session> victim;
    {
      absl::MutexLock lock(&shared_->mu);
      for (Session* s : shared_->sessions) {
        if (s->busy()) continue;
        victim = s->weak_from_this().lock();
        if (victim) break;
      }
    }
    if (!victim) return false;
    ++shared_->evicted;
    victim->Abort();
    return true;
  }

  void ForEachSession(const std::function<void(Session&)>& f) {
    std::vector<std::shared_ptr<Session>> all;
    {
      absl::MutexLock lock(&shared_->mu);
      for (Session* s : shared_->sessions)
        if (auto locked = s->weak_from_this().lock()) all.push_back(locked);
    }
    for (auto& s : all) f(*s);
  }

  bool AwaitNoSessions(absl::Duration timeout) {
    absl::MutexLock lock(&shared_->mu);
    return shared_->mu.AwaitWithTimeout(
        absl::Condition(
            +[](std::list<Session*>* sessions) { return sessions->empty(); },
            &shared_->sessions),
        timeout);
  }

  std::shared_ptr<Shared> shared_;
  tcp::acceptor acceptor_;
  asio::steady_timer retry_;
  asio::executor_work_guard<asio::io_context::executor_type> work_;
  std::vector<std::thread> threads_;
  int port_ = 0;
};

}  // namespace

std::string Request::Header(absl::string_view name) const {
  for (const auto& [key, value] : headers)
    if (key == name) return value;
  return "";
}

absl::StatusOr<std::unique_ptr<Server>> Server::Start(ServerOptions options,
                                                      Handler handler) {
  auto server =
      std::make_unique<BeastServer>(std::move(options), std::move(handler));
  absl::Status listening = server->Listen();
  if (!listening.ok()) return listening;
  return server;
}

bool SplitHostPort(absl::string_view address, std::string* host, int* port) {
  size_t colon = address.rfind(':');
  if (colon == absl::string_view::npos ||
      !absl::SimpleAtoi(address.substr(colon + 1), port)) {
    return false;
  }
  *host = std::string(
      absl::StripPrefix(absl::StripSuffix(address.substr(0, colon), "]"), "["));
  if (host->empty()) *host = "0.0.0.0";
  return true;
}

}  // namespace unionhub::http
