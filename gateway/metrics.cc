#include "gateway/metrics.h"

#include <algorithm>
#include <map>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"

namespace unionhub::gateway {

void Metrics::Record(absl::string_view method, absl::string_view code,
                     absl::Duration latency) {
  std::string key = absl::StrCat(method, absl::string_view("\0", 1), code);
  Series* series = nullptr;
  {
    absl::ReaderMutexLock lock(&mu_);
    auto it = series_.find(key);
    if (it != series_.end()) series = it->second.get();
  }
  if (series == nullptr) {
    absl::MutexLock lock(&mu_);
    auto& slot = series_[key];
    if (!slot) slot = std::make_unique<Series>();
    series = slot.get();
  }
  double seconds = absl::ToDoubleSeconds(latency);
  // Buckets are stored non-cumulative; Render adds them up.
  size_t bucket = std::lower_bound(kBuckets.begin(), kBuckets.end(), seconds) -
                  kBuckets.begin();
  if (bucket < kBuckets.size())
    series->buckets[bucket].fetch_add(1, std::memory_order_relaxed);
  series->count.fetch_add(1, std::memory_order_relaxed);
  series->sum_nanos.fetch_add(absl::ToInt64Nanoseconds(latency),
                              std::memory_order_relaxed);
}

std::string Metrics::Render() const {
  std::string calls =
      "# HELP unionhub_gateway_calls_total Calls through the gateway, by "
      "method "
      "and status code.\n"
      "# TYPE unionhub_gateway_calls_total counter\n";
  std::string latency =
      "# HELP unionhub_gateway_call_duration_seconds Time from a call's "
      "arrival to its status, by method and status code.\n"
      "# TYPE unionhub_gateway_call_duration_seconds histogram\n";
  absl::ReaderMutexLock lock(&mu_);
  // Sorted, so the output is stable between scrapes.
  std::map<std::string, const Series*> sorted;
  for (const auto& [key, series] : series_) sorted[key] = series.get();
  for (const auto& [key, series] : sorted) {
    std::pair<std::string, std::string> mc =
        absl::StrSplit(key, absl::MaxSplits('\0', 1));
    std::string labels =
        absl::StrCat("method=\"", mc.first, "\",code=\"", mc.second, "\"");
    uint64_t count = series->count.load(std::memory_order_relaxed);
    absl::StrAppend(&calls, "unionhub_gateway_calls_total{", labels, "} ",
                    count, "\n");
    uint64_t cumulative = 0;
    for (size_t i = 0; i < kBuckets.size(); ++i) {
      cumulative += series->buckets[i].load(std::memory_order_relaxed);
      absl::StrAppend(&latency,
                      "unionhub_gateway_call_duration_seconds_bucket{", labels,
                      ",le=\"", kBuckets[i], "\"} ", cumulative, "\n");
    }
    absl::StrAppend(
        &latency, "unionhub_gateway_call_duration_seconds_bucket{", labels,
        ",le=\"+Inf\"} ", std::max(count, cumulative), "\n",
        "unionhub_gateway_call_duration_seconds_sum{", labels, "} ",
        absl::StrFormat(
            "%.6f", series->sum_nanos.load(std::memory_order_relaxed) / 1e9),
        "\n", "unionhub_gateway_call_duration_seconds_count{", labels, "} ",
        count, "\n");
  }
  return calls + latency;
}

}  // namespace unionhub::gateway
