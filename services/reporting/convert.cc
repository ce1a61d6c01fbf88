#include "services/reporting/convert.h"

#include "libs/base/clock.h"
#include "libs/base/errors.h"

namespace unionhub::reporting {

absl::StatusOr<YearKind> FromProto(v1::YearKind kind) {
  switch (kind) {
    case v1::YEAR_KIND_UNSPECIFIED:
    case v1::YEAR_KIND_WORK:
      return YearKind::kWork;
    case v1::YEAR_KIND_STATISTICS:
      return YearKind::kStatistics;
    default:
      return InvalidField("year_kind", "is not one of its values");
  }
}

v1::Indicator ToProto(const Indicator& i) {
  v1::Indicator p;
  p.set_code(i.code);
  p.set_name_zh(i.name_zh);
  p.set_name_en(i.name_en);
  p.set_kind(static_cast<v1::IndicatorKind>(i.kind));
  p.set_unit(static_cast<v1::IndicatorUnit>(i.unit));
  p.set_definition(i.definition);
  p.set_area(i.area);
  p.set_numerator_code(i.numerator);
  p.set_denominator_code(i.denominator);
  return p;
}

v1::Value ToProto(const Value& v) {
  v1::Value p;
  p.set_value(v.value);
  p.set_denominator(v.denominator);
  return p;
}

v1::YearSpan ToProto(const YearSpan& span) {
  v1::YearSpan p;
  p.set_year(span.year);
  p.set_kind(span.kind == YearKind::kStatistics ? v1::YEAR_KIND_STATISTICS
                                                : v1::YEAR_KIND_WORK);
  p.set_start_date(FormatDate(span.first_day()));
  p.set_end_date(FormatDate(span.last_day()));
  return p;
}

}  // namespace unionhub::reporting
