#include "tests/service_proxy.h"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "absl/strings/str_cat.h"

namespace unionhub::testing {
namespace {

sockaddr_in Loopback(int port) {
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = htons(static_cast<uint16_t>(port));
  return a;
}

}  // namespace

absl::StatusOr<std::unique_ptr<ServiceProxy>> ServiceProxy::Start(
    int target_port) {
  std::unique_ptr<ServiceProxy> proxy(new ServiceProxy());
  proxy->target_ = target_port;
  proxy->listener_ = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in any = Loopback(0);
  socklen_t size = sizeof any;
  if (proxy->listener_ < 0 ||
      bind(proxy->listener_, reinterpret_cast<sockaddr*>(&any), size) != 0 ||
      listen(proxy->listener_, 128) != 0 ||
      getsockname(proxy->listener_, reinterpret_cast<sockaddr*>(&any), &size) !=
          0) {
    return absl::InternalError(absl::StrCat("proxy: ", strerror(errno)));
  }
  proxy->port_ = ntohs(any.sin_port);
  proxy->acceptor_ = std::thread([p = proxy.get()] { p->Accept(); });
  return proxy;
}

ServiceProxy::~ServiceProxy() {
  stopping_ = true;
  shutdown(listener_, SHUT_RDWR);
  acceptor_.join();
  close(listener_);
  {
    std::lock_guard<std::mutex> lock(mu_);
    for (int fd : sockets_) shutdown(fd, SHUT_RDWR);
  }
  for (std::thread& t : threads_) t.join();
}

void ServiceProxy::Accept() {
  while (!stopping_) {
    int caller = accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
    if (caller < 0) {
      if (errno == EINTR || errno == ECONNABORTED) continue;
      return;  // Stopped.
    }
    int replica = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in to = Loopback(target_);
    if (replica < 0 ||
        connect(replica, reinterpret_cast<sockaddr*>(&to), sizeof to) != 0) {
      close(caller);  // As a Service with no ready endpoint: refused.
      if (replica >= 0) close(replica);
      continue;
    }
    int one = 1;
    setsockopt(caller, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    setsockopt(replica, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    auto open = std::make_shared<std::atomic<int>>(2);
    std::lock_guard<std::mutex> lock(mu_);
    sockets_.push_back(caller);
    sockets_.push_back(replica);
    threads_.emplace_back([=] { Copy(caller, replica, open); });
    threads_.emplace_back([=] { Copy(replica, caller, open); });
  }
}

void ServiceProxy::Copy(int from, int to,
                        std::shared_ptr<std::atomic<int>> open) {
  char buffer[16 << 10];
  for (;;) {
    ssize_t n = read(from, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    for (ssize_t sent = 0; sent < n;) {
      ssize_t w =
          send(to, buffer + sent, static_cast<size_t>(n - sent), MSG_NOSIGNAL);
      if (w < 0 && errno == EINTR) continue;
      if (w <= 0) {
        n = -1;
        break;
      }
      sent += w;
    }
    if (n < 0) break;
  }
  shutdown(to, SHUT_WR);
  shutdown(from, SHUT_RD);
  if (--*open == 0) {  // Both directions done: forget, then close.
    std::lock_guard<std::mutex> lock(mu_);
    sockets_.erase(
        std::remove_if(sockets_.begin(), sockets_.end(),
                       [&](int fd) { return fd == from || fd == to; }),
        sockets_.end());
    close(from);
    close(to);
  }
}

}  // namespace unionhub::testing
