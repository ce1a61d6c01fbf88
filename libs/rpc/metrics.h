// Prometheus metrics of calls: a counter and a latency histogram per method
// and status code, and gauges read when scraped (queue depth, connections in
// use...), rendered in the text exposition format. The gateway counts the
// calls through it (unionhub_gateway_*); each service the calls it serves
// (unionhub_server_*, told apart by the scrape's job).
#ifndef UNIONHUB_LIBS_RPC_METRICS_H_
#define UNIONHUB_LIBS_RPC_METRICS_H_

#include <array>
#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace unionhub::rpc {

class Metrics final {
 public:
  // Series are named `prefix`_calls_total and `prefix`_call_duration_seconds.
  explicit Metrics(std::string prefix = "unionhub_server")
      : prefix_(std::move(prefix)) {}

  // Upper bounds of the latency buckets, in seconds.
  static constexpr std::array<double, 14> kBuckets = {
      0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
      0.1,    0.25,  0.5,    1,     2.5,  5,     10};

  // `method` is a full method name, or "unknown" for paths that are not one
  // (so made-up paths cannot grow the series without bound); `code` a gRPC
  // code name such as "OK".
  void Record(absl::string_view method, absl::string_view code,
              absl::Duration latency);
  // A gauge `name` whose value `read` gives at each scrape. Add gauges before
  // the metrics are rendered from other threads. `labels` tells series of one
  // name apart (e.g. `feed="membership"`); they share the first one's help.
  void AddGauge(std::string name, std::string help,
                std::function<double()> read, std::string labels = "");
  std::string Render() const;

 private:
  struct Gauge {
    std::string name, help;
    std::function<double()> read;
    std::string labels;
  };
  const std::string prefix_;
  std::vector<Gauge> gauges_;
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

}  // namespace unionhub::rpc

#endif  // UNIONHUB_LIBS_RPC_METRICS_H_
