#include "libs/rpc/metrics.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"

namespace unionhub::rpc {

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

namespace {

// Prometheus' text format: integers whole, NaN as "NaN".
std::string GaugeValue(double value) {
  if (std::isnan(value)) return "NaN";
  return absl::StrFormat("%.15g", value);
}

}  // namespace

void Metrics::AddGauge(std::string name, std::string help,
                       std::function<double()> read, std::string labels) {
  gauges_.push_back(
      {std::move(name), std::move(help), std::move(read), std::move(labels)});
}

std::string Metrics::Render() const {
  const std::string calls_total = prefix_ + "_calls_total";
  const std::string duration = prefix_ + "_call_duration_seconds";
  std::string calls = absl::StrCat("# HELP ", calls_total,
                                   " Calls, by method and status code.\n",
                                   "# TYPE ", calls_total, " counter\n");
  std::string latency =
      absl::StrCat("# HELP ", duration,
                   " Time from a call's arrival to its status, by method and "
                   "status code.\n",
                   "# TYPE ", duration, " histogram\n");
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
    absl::StrAppend(&calls, calls_total, "{", labels, "} ", count, "\n");
    uint64_t cumulative = 0;
    for (size_t i = 0; i < kBuckets.size(); ++i) {
      cumulative += series->buckets[i].load(std::memory_order_relaxed);
      absl::StrAppend(&latency, duration, "_bucket{", labels, ",le=\"",
                      kBuckets[i], "\"} ", cumulative, "\n");
    }
    absl::StrAppend(
        &latency, duration, "_bucket{", labels, ",le=\"+Inf\"} ",
        std::max(count, cumulative), "\n", duration, "_sum{", labels, "} ",
        absl::StrFormat(
            "%.6f", series->sum_nanos.load(std::memory_order_relaxed) / 1e9),
        "\n", duration, "_count{", labels, "} ", count, "\n");
  }
  // One HELP and TYPE per name, its series together, in the order added.
  std::vector<std::string> names;
  absl::flat_hash_map<std::string, std::string> series_of;
  for (const Gauge& g : gauges_) {
    std::string& text = series_of[g.name];
    if (text.empty()) {
      names.push_back(g.name);
      absl::StrAppend(&text, "# HELP ", g.name, " ", g.help, "\n# TYPE ",
                      g.name, " gauge\n");
    }
    absl::StrAppend(&text, g.name,
                    g.labels.empty() ? "" : absl::StrCat("{", g.labels, "}"),
                    " ", GaugeValue(g.read()), "\n");
  }
  std::string gauges;
  for (const std::string& name : names)
    absl::StrAppend(&gauges, series_of[name]);
  return calls + latency + gauges;
}

}  // namespace unionhub::rpc
