// The indicators the read model keeps: what each counts, in which unit, and
// whether it is a stock (on a day), a flow (within a period) or a rate (one
// over another). Codes are stable: callers, saved summaries and statistics
// forms refer to them.
#ifndef UNIONHUB_SERVICES_REPORTING_CATALOGUE_CATALOGUE_H_
#define UNIONHUB_SERVICES_REPORTING_CATALOGUE_CATALOGUE_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace unionhub::reporting {

enum class IndicatorKind { kStock = 1, kFlow = 2, kRate = 3 };
enum class IndicatorUnit { kPeople = 1, kCount = 2, kFen = 3, kRatio = 4 };

struct Indicator {
  std::string code;
  std::string name_zh;
  std::string name_en;
  IndicatorKind kind;
  IndicatorUnit unit;
  std::string area;  // "organisation", "welfare", "democracy", "activities"
  std::string definition;
  // Rates only.
  std::string numerator;
  std::string denominator;
};

// Every indicator, in the order reports list them.
const std::vector<Indicator>& Catalogue();
// The indicator with `code`, or null.
const Indicator* FindIndicator(absl::string_view code);

}  // namespace unionhub::reporting

#endif  // UNIONHUB_SERVICES_REPORTING_CATALOGUE_CATALOGUE_H_
