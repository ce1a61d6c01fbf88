// Democracy's domain records as proto messages (responses and event payloads)
// and back, where requests carry them.
#ifndef UNIONHUB_SERVICES_DEMOCRACY_CONVERT_H_
#define UNIONHUB_SERVICES_DEMOCRACY_CONVERT_H_

#include <vector>

#include "absl/status/statusor.h"
#include "services/democracy/domain.h"
#include "unionhub/democracy/v1/congress.pb.h"
#include "unionhub/democracy/v1/contracts.pb.h"
#include "unionhub/democracy/v1/disclosure.pb.h"
#include "unionhub/democracy/v1/evaluations.pb.h"
#include "unionhub/democracy/v1/meetings.pb.h"
#include "unionhub/democracy/v1/proposals.pb.h"
#include "unionhub/democracy/v1/representatives.pb.h"

namespace unionhub::democracy {

v1::CongressTerm ToProto(const CongressTerm& t);
v1::CongressSession ToProto(const CongressSession& s);
v1::Representative ToProto(const Representative& r);
v1::GetCompositionResponse ToProto(const Composition& c);
v1::AgendaItem ToProto(const AgendaItem& a);
v1::AttendanceSummary ToProto(const AttendanceSummary& a);
v1::Attendance ToProto(const Attendance& a);
v1::Vote ToProto(const Vote& v);
v1::Ballot ToProto(const Ballot& b);
v1::Proposal ToProto(const Proposal& p);
v1::ProposalStep ToProto(const ProposalStep& s);
v1::ProposalFigures ToProto(const ProposalFigures& f);
v1::EvaluationRound ToProto(const EvaluationRound& r);
v1::LeaderResult ToProto(const LeaderResult& r);
v1::DisclosureCatalogueEntry ToProto(const DisclosureCatalogueEntry& e);
// `final` as of `today`.
v1::DisclosureItem ToProto(const DisclosureItem& i, absl::CivilDay today);
v1::DisclosureObjection ToProto(const DisclosureObjection& o);
v1::GetDisclosureCompletenessResponse ToProto(const DisclosureCompleteness& c);
// `in_force` as of `today`.
v1::CollectiveContract ToProto(const CollectiveContract& c,
                               absl::CivilDay today);

// Rules as a request carries them; INVALID_ARGUMENT naming
// composition_rules[i] for an enum number the proto does not define.
absl::StatusOr<std::vector<CompositionRule>> FromProto(
    absl::string_view field,
    const google::protobuf::RepeatedPtrField<v1::CompositionRule>& rules);

}  // namespace unionhub::democracy

#endif  // UNIONHUB_SERVICES_DEMOCRACY_CONVERT_H_
