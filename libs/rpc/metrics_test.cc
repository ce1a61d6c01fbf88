#include "libs/rpc/metrics.h"

#include <gtest/gtest.h>

#include <limits>

#include "absl/strings/match.h"

namespace unionhub::rpc {
namespace {

TEST(MetricsTest, CountsAndHistogramsByMethodAndCode) {
  Metrics metrics("unionhub_gateway");
  metrics.Record("pkg.S.M", "OK", absl::Microseconds(300));
  metrics.Record("pkg.S.M", "OK", absl::Milliseconds(3));
  metrics.Record("pkg.S.M", "NOT_FOUND", absl::Seconds(20));
  std::string text = metrics.Render();
  EXPECT_TRUE(absl::StrContains(
      text,
      "unionhub_gateway_calls_total{method=\"pkg.S.M\",code=\"OK\"} 2\n"));
  EXPECT_TRUE(absl::StrContains(
      text,
      "unionhub_gateway_call_duration_seconds_bucket{method=\"pkg.S.M\","
      "code=\"OK\",le=\"0.0005\"} 1\n"));
  EXPECT_TRUE(absl::StrContains(
      text,
      "unionhub_gateway_call_duration_seconds_bucket{method=\"pkg.S.M\","
      "code=\"OK\",le=\"0.005\"} 2\n"));
  // Slower than the last bucket: only in +Inf.
  EXPECT_TRUE(absl::StrContains(
      text,
      "unionhub_gateway_call_duration_seconds_bucket{method=\"pkg.S.M\","
      "code=\"NOT_FOUND\",le=\"10\"} 0\n"));
  EXPECT_TRUE(absl::StrContains(
      text,
      "unionhub_gateway_call_duration_seconds_bucket{method=\"pkg.S.M\","
      "code=\"NOT_FOUND\",le=\"+Inf\"} 1\n"));
  EXPECT_TRUE(absl::StrContains(
      text,
      "unionhub_gateway_call_duration_seconds_sum{method=\"pkg.S.M\","
      "code=\"OK\"} 0.003300\n"));
}

TEST(MetricsTest, GaugesAreReadAtEachRender) {
  Metrics metrics;
  double queued = 3;
  metrics.AddGauge("unionhub_executor_queued_calls", "Calls waiting.",
                   [&] { return queued; });
  metrics.AddGauge("unionhub_outbox_last_sequence", "Newest event.",
                   [] { return std::numeric_limits<double>::quiet_NaN(); });
  metrics.AddGauge("big", "Large counts stay whole.",
                   [] { return 12345678.0; });
  std::string text = metrics.Render();
  EXPECT_TRUE(
      absl::StrContains(text,
                        "# HELP unionhub_executor_queued_calls Calls waiting.\n"
                        "# TYPE unionhub_executor_queued_calls gauge\n"
                        "unionhub_executor_queued_calls 3\n"));
  EXPECT_TRUE(absl::StrContains(text, "unionhub_outbox_last_sequence NaN\n"));
  EXPECT_TRUE(absl::StrContains(text, "big 12345678\n"));
  queued = 0;
  EXPECT_TRUE(absl::StrContains(metrics.Render(),
                                "unionhub_executor_queued_calls 0\n"));
}

TEST(MetricsTest, LabelledGaugesOfOneNameShareTheirHeader) {
  Metrics metrics;
  metrics.AddGauge("unionhub_feed_lag_events", "Events not yet applied.",
                   [] { return 4.0; }, "feed=\"membership\"");
  metrics.AddGauge("other", "Between them.", [] { return 1.0; });
  metrics.AddGauge("unionhub_feed_lag_events", "Events not yet applied.",
                   [] { return 0.0; }, "feed=\"welfare\"");
  EXPECT_TRUE(absl::StrContains(
      metrics.Render(),
      "# HELP unionhub_feed_lag_events Events not yet applied.\n"
      "# TYPE unionhub_feed_lag_events gauge\n"
      "unionhub_feed_lag_events{feed=\"membership\"} 4\n"
      "unionhub_feed_lag_events{feed=\"welfare\"} 0\n"
      "# HELP other"));
}

TEST(MetricsTest, ServicesCountUnderTheirOwnPrefix) {
  Metrics metrics;
  metrics.Record("pkg.S.M", "OK", absl::Milliseconds(1));
  EXPECT_TRUE(absl::StrContains(
      metrics.Render(),
      "unionhub_server_calls_total{method=\"pkg.S.M\",code=\"OK\"} 1\n"));
}

}  // namespace
}  // namespace unionhub::rpc
