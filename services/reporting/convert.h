// Domain <-> proto for the reporting handlers.
#ifndef UNIONHUB_SERVICES_REPORTING_CONVERT_H_
#define UNIONHUB_SERVICES_REPORTING_CONVERT_H_

#include "absl/status/statusor.h"
#include "services/reporting/catalogue/catalogue.h"
#include "services/reporting/figures/figures.h"
#include "services/reporting/period.h"
#include "services/reporting/statistics/form.h"
#include "services/reporting/summaries/summary.h"
#include "unionhub/reporting/v1/figures.pb.h"
#include "unionhub/reporting/v1/indicators.pb.h"
#include "unionhub/reporting/v1/statistics.pb.h"
#include "unionhub/reporting/v1/summaries.pb.h"

namespace unionhub::reporting {

// UNSPECIFIED reads as the work year; an unknown number is INVALID_ARGUMENT.
absl::StatusOr<YearKind> FromProto(v1::YearKind kind);

v1::Indicator ToProto(const Indicator& i);
v1::Value ToProto(const Value& v);
v1::YearSpan ToProto(const YearSpan& span);
v1::StatisticsForm ToProto(const StatisticsForm& form);
v1::FormStatus ToProto(FormStatus status);
// With its Markdown.
v1::WorkSummary ToProto(const WorkSummary& summary);
std::vector<SummarySection> FromProto(
    const google::protobuf::RepeatedPtrField<v1::SummarySection>& sections);
Value FromProto(const v1::Value& value);

}  // namespace unionhub::reporting

#endif  // UNIONHUB_SERVICES_REPORTING_CONVERT_H_
