// Stands in for a Kubernetes Service in front of a service's replicas, for
// the rolling-restart test: a TCP proxy on loopback whose new connections go
// to the current target (the endpoints) while established ones stay with the
// replica they reached (as kube-proxy's connection tracking keeps them),
// until either side closes.
#ifndef UNIONHUB_TESTS_SERVICE_PROXY_H_
#define UNIONHUB_TESTS_SERVICE_PROXY_H_

#include <atomic>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "absl/status/statusor.h"

namespace unionhub::testing {

class ServiceProxy final {
 public:
  static absl::StatusOr<std::unique_ptr<ServiceProxy>> Start(int target_port);
  ~ServiceProxy();  // Closes every connection.

  int port() const { return port_; }
  // New connections go to 127.0.0.1:`target_port` from now on.
  void SetTarget(int target_port) { target_ = target_port; }

 private:
  ServiceProxy() = default;
  void Accept();
  // Copies bytes from `from` to `to` until `from` ends, then ends `to`'s
  // writing half; the last of a pair's two copiers closes both sockets.
  void Copy(int from, int to, std::shared_ptr<std::atomic<int>> open);

  int listener_ = -1;
  int port_ = 0;
  std::atomic<int> target_{0};
  std::atomic<bool> stopping_{false};
  std::mutex mu_;
  std::vector<int> sockets_;  // Every connection's, to end them on stop.
  std::vector<std::thread> threads_;
  std::thread acceptor_;
};

}  // namespace unionhub::testing

#endif  // UNIONHUB_TESTS_SERVICE_PROXY_H_
