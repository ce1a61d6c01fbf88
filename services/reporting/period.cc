#include "services/reporting/period.h"

#include "libs/base/errors.h"
#include "libs/base/status_macros.h"

namespace unionhub::reporting {

absl::Status CheckReportYear(absl::string_view field, int year) {
  if (IsReportYear(year)) return absl::OkStatus();
  return InvalidField(field, "must be a year from 1949 to 9998");
}

absl::StatusOr<YearSpan> SpanOf(int year, YearKind kind,
                                int statistics_first_month) {
  RETURN_IF_ERROR(CheckReportYear("year", year));
  YearSpan span;
  span.year = year;
  span.kind = kind;
  if (kind == YearKind::kStatistics && statistics_first_month > 1) {
    span.first = absl::CivilMonth(year - 1, statistics_first_month);
  } else {
    span.first = absl::CivilMonth(year, 1);
  }
  span.last = span.first + 11;
  return span;
}

YearSpan YearSpan::previous() const {
  YearSpan p = *this;
  p.year -= 1;
  p.first -= 12;
  p.last -= 12;
  return p;
}

}  // namespace unionhub::reporting
