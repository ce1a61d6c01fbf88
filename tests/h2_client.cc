#include "tests/h2_client.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"

namespace unionhub::testing {
namespace {

nghttp2_nv Nv(const std::string& name, const std::string& value) {
  return {reinterpret_cast<uint8_t*>(const_cast<char*>(name.data())),
          reinterpret_cast<uint8_t*>(const_cast<char*>(value.data())),
          name.size(), value.size(), NGHTTP2_NV_FLAG_NONE};
}

}  // namespace

int ConnectTcp(int port, const std::string& source) {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  sockaddr_in from{};
  from.sin_family = AF_INET;
  inet_pton(AF_INET, source.c_str(), &from.sin_addr);
  sockaddr_in to{};
  to.sin_family = AF_INET;
  to.sin_port = htons(port);
  inet_pton(AF_INET, "127.0.0.1", &to.sin_addr);
  if (bind(fd, reinterpret_cast<sockaddr*>(&from), sizeof from) != 0 ||
      connect(fd, reinterpret_cast<sockaddr*>(&to), sizeof to) != 0) {
    close(fd);
    return -1;
  }
  int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  return fd;
}

std::string GrpcFrame(const std::string& message) {
  std::string out(5, '\0');
  uint32_t n = message.size();
  out[1] = static_cast<char>(n >> 24);
  out[2] = static_cast<char>(n >> 16);
  out[3] = static_cast<char>(n >> 8);
  out[4] = static_cast<char>(n);
  return out + message;
}

absl::StatusOr<std::unique_ptr<RawH2Client>> RawH2Client::Connect(
    int port, RawH2Options options) {
  std::unique_ptr<RawH2Client> c(new RawH2Client());
  c->options_ = options;
  c->fd_ = ConnectTcp(port, options.source);
  if (c->fd_ < 0)
    return absl::UnavailableError(absl::StrCat("connect: ", strerror(errno)));
  fcntl(c->fd_, F_SETFL, fcntl(c->fd_, F_GETFL) | O_NONBLOCK);

  nghttp2_session_callbacks* cb;
  nghttp2_session_callbacks_new(&cb);
  nghttp2_session_callbacks_set_on_header_callback(cb, &RawH2Client::OnHeader);
  nghttp2_session_callbacks_set_on_data_chunk_recv_callback(
      cb, &RawH2Client::OnData);
  nghttp2_session_callbacks_set_on_stream_close_callback(cb,
                                                         &RawH2Client::OnClose);
  nghttp2_option* opt;
  nghttp2_option_new(&opt);
  nghttp2_option_set_no_auto_window_update(opt, 1);
  // Oversize metadata is one of the things a test may send.
  nghttp2_option_set_max_send_header_block_length(opt, 1 << 20);
  nghttp2_session_client_new2(&c->session_, cb, c.get(), opt);
  nghttp2_session_callbacks_del(cb);
  nghttp2_option_del(opt);
  nghttp2_settings_entry settings[] = {
      {NGHTTP2_SETTINGS_ENABLE_PUSH, 0},
      {NGHTTP2_SETTINGS_INITIAL_WINDOW_SIZE,
       static_cast<uint32_t>(options.initial_window)}};
  nghttp2_submit_settings(c->session_, NGHTTP2_FLAG_NONE, settings, 2);
  return c;
}

RawH2Client::~RawH2Client() {
  Close();
  if (session_ != nullptr) nghttp2_session_del(session_);
}

void RawH2Client::Close() {
  if (fd_ >= 0) close(fd_);
  fd_ = -1;
}

int32_t RawH2Client::Call(
    const std::string& path,
    const std::vector<std::pair<std::string, std::string>>& metadata,
    const std::string& message) {
  std::vector<std::pair<std::string, std::string>> all = {
      {":method", "POST"},
      {":scheme", "http"},
      {":path", path},
      {":authority", "localhost"},
      {"content-type", "application/grpc"},
      {"te", "trailers"}};
  all.insert(all.end(), metadata.begin(), metadata.end());
  std::vector<nghttp2_nv> nv;
  for (const auto& [name, value] : all) nv.push_back(Nv(name, value));
  nghttp2_data_provider provider;
  provider.source.ptr = this;
  provider.read_callback = [](nghttp2_session*, int32_t stream, uint8_t* buf,
                              size_t length, uint32_t* flags,
                              nghttp2_data_source* source, void*) -> ssize_t {
    auto* self = static_cast<RawH2Client*>(source->ptr);
    std::string& body = self->bodies_[stream];
    size_t n = std::min(length, body.size());
    std::memcpy(buf, body.data(), n);
    body.erase(0, n);
    if (body.empty()) *flags |= NGHTTP2_DATA_FLAG_EOF;
    return n;
  };
  int32_t stream = nghttp2_submit_request(session_, nullptr, nv.data(),
                                          nv.size(), &provider, nullptr);
  if (stream > 0) {
    bodies_[stream] = message;
    streams_[stream];
  }
  return stream;
}

void RawH2Client::Reset(int32_t stream) {
  nghttp2_submit_rst_stream(session_, NGHTTP2_FLAG_NONE, stream,
                            NGHTTP2_CANCEL);
}

bool RawH2Client::Pump(absl::Duration time, std::function<bool()> done) {
  absl::Time until = absl::Now() + time;
  std::string out;
  while (fd_ >= 0) {
    const uint8_t* data;
    ssize_t n;
    while ((n = nghttp2_session_mem_send(session_, &data)) > 0)
      out.append(reinterpret_cast<const char*>(data), n);
    while (!out.empty()) {
      ssize_t w = send(fd_, out.data(), out.size(), MSG_NOSIGNAL);
      if (w > 0) {
        out.erase(0, w);
        continue;
      }
      if (w < 0 && errno == EAGAIN) {
        pollfd p{fd_, POLLOUT, 0};
        poll(&p, 1, 10);
        if (absl::Now() >= until) return true;  // The server is not reading.
        continue;
      }
      Close();
      return false;
    }
    if (done && done()) return true;
    absl::Duration left = until - absl::Now();
    if (left <= absl::ZeroDuration()) return true;
    pollfd p{fd_, POLLIN, 0};
    if (poll(&p, 1, static_cast<int>(absl::ToInt64Milliseconds(left)) + 1) <= 0)
      continue;
    uint8_t buf[16384];
    ssize_t r = read(fd_, buf, sizeof buf);
    if (r > 0) {
      if (nghttp2_session_mem_recv(session_, buf, r) < 0) {
        Close();
        return false;
      }
    } else if (r == 0 || errno != EAGAIN) {
      Close();
      return false;
    }
  }
  return false;
}

int RawH2Client::OnHeader(nghttp2_session*, const nghttp2_frame* frame,
                          const uint8_t* name, size_t namelen,
                          const uint8_t* value, size_t valuelen, uint8_t,
                          void* user) {
  auto* self = static_cast<RawH2Client*>(user);
  std::string n(reinterpret_cast<const char*>(name), namelen);
  std::string v(reinterpret_cast<const char*>(value), valuelen);
  RawStream& s = self->streams_[frame->hd.stream_id];
  if (n == "grpc-status") s.status = v;
  if (n == "grpc-message") s.message = v;
  return 0;
}

int RawH2Client::OnData(nghttp2_session* session, uint8_t, int32_t stream,
                        const uint8_t*, size_t n, void* user) {
  auto* self = static_cast<RawH2Client*>(user);
  RawStream& s = self->streams_[stream];
  bool first = s.data_bytes == 0;
  s.data_bytes += n;
  if (self->options_.consume) nghttp2_session_consume(session, stream, n);
  if (first && self->options_.reset_after_first_data) self->Reset(stream);
  return 0;
}

int RawH2Client::OnClose(nghttp2_session*, int32_t stream, uint32_t error,
                         void* user) {
  auto* self = static_cast<RawH2Client*>(user);
  RawStream& s = self->streams_[stream];
  s.closed = true;
  s.close_error = error;
  return 0;
}

}  // namespace unionhub::testing
