// The months a figure is counted over: the work year (calendar) or the
// statistics year, whose first month is configured (October nationally, so
// statistics year 2026 runs from October 2025 to September 2026).
#ifndef UNIONHUB_SERVICES_REPORTING_PERIOD_H_
#define UNIONHUB_SERVICES_REPORTING_PERIOD_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"

namespace unionhub::reporting {

enum class YearKind { kWork = 1, kStatistics = 2 };

// A month as the read model keys it: 202603 for March 2026.
inline int MonthKey(absl::CivilMonth m) {
  return static_cast<int>(m.year() * 100 + m.month());
}

struct YearSpan {
  int year = 0;
  YearKind kind = YearKind::kWork;
  absl::CivilMonth first;
  absl::CivilMonth last;

  absl::CivilDay first_day() const { return absl::CivilDay(first); }
  absl::CivilDay last_day() const { return absl::CivilDay(last + 1) - 1; }
  YearSpan previous() const;
};

// Whether `year` is one reporting keeps figures for (1949 to 9998):
// INVALID_ARGUMENT naming `field` otherwise.
absl::Status CheckReportYear(absl::string_view field, int year);
inline bool IsReportYear(int year) { return year >= 1949 && year <= 9998; }

// The span of `year`; INVALID_ARGUMENT (field "year") outside 1949..9998.
absl::StatusOr<YearSpan> SpanOf(int year, YearKind kind,
                                int statistics_first_month);

}  // namespace unionhub::reporting

#endif  // UNIONHUB_SERVICES_REPORTING_PERIOD_H_
