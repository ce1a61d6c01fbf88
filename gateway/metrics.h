// Prometheus metrics of the calls through the gateway: a counter and a latency
// histogram per method and status code, rendered in the text exposition
// format at /metrics.
#ifndef UNIONHUB_GATEWAY_METRICS_H_
#define UNIONHUB_GATEWAY_METRICS_H_

#include <array>
#include <atomic>
#include <memory>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace unionhub::gateway {

class Metrics final {
 public:
  // Upper bounds of the latency buckets, in seconds.
  static constexpr std::array<double, 14> kBuckets = {
      0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
      0.1,    0.25,  0.5,    1,     2.5,  5,     10};

  // `method` is a full method name, or "unknown" for paths that are not one
  // (so made-up paths cannot grow the series without bound); `code` a gRPC
  // code name such as "OK".
  void Record(absl::string_view method, absl::string_view code,
              absl::Duration latency);
  std::string Render() const;

 private:
  struct Series {
    std::array<std::atomic<uint64_t>, kBuckets.size()> buckets{};
    std::atomic<uint64_t> count{0};
    std::atomic<uint64_t> sum_nanos{0};
  };
  mutable absl::Mutex mu_;
  // Key: method + '\0' + code.
  absl::flat_hash_map<std::string, std::unique_ptr<Series>> series_
      ABSL_GUARDED_BY(mu_);
};

}  // namespace unionhub::gateway

#endif  // UNIONHUB_GATEWAY_METRICS_H_
