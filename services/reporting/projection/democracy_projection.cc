// Congress sessions, representatives, proposals, disclosure and collective
// contracts, from democracy's feed.
#include "libs/base/status_macros.h"
#include "services/reporting/projection/entries.h"
#include "services/reporting/projection/sources.h"
#include "unionhub/democracy/v1/congress.pb.h"
#include "unionhub/democracy/v1/contracts.pb.h"
#include "unionhub/democracy/v1/disclosure.pb.h"
#include "unionhub/democracy/v1/proposals.pb.h"
#include "unionhub/democracy/v1/representatives.pb.h"

namespace unionhub::reporting {
namespace {

namespace dv1 = democracy::v1;

Contribution SessionContribution(const dv1::CongressSession& s,
                                 std::string path) {
  EntryList entries(std::move(path));
  std::optional<absl::CivilDay> start = DayOf(s.start_date());
  if (start && (s.status() == dv1::SESSION_STATUS_OPEN ||
                s.status() == dv1::SESSION_STATUS_CLOSED)) {
    entries.Count("congress.sessions_held", *start);
  }
  return std::move(entries).Finish("congress_session/" + s.id());
}

// Seated from election until the seat ends; a disqualified representative
// never held one.
Contribution RepresentativeContribution(const dv1::Representative& r,
                                        std::string path) {
  EntryList entries(std::move(path));
  std::optional<absl::CivilDay> elected = DayOf(r.elected_date());
  std::optional<absl::CivilDay> until;
  bool seated = r.status() == dv1::REPRESENTATIVE_STATUS_ELECTED ||
                r.status() == dv1::REPRESENTATIVE_STATUS_QUALIFIED;
  if (r.status() == dv1::REPRESENTATIVE_STATUS_ENDED) {
    seated = true;
    until = DayOf(r.end_date());
    if (!until) until = elected;
  }
  if (elected && seated) {
    entries.Hold("representatives.seated", *elected, until);
    if (r.woman()) entries.Hold("representatives.women", *elected, until);
    if (r.age_band() == dv1::AGE_BAND_UNDER_35)
      entries.Hold("representatives.young", *elected, until);
    if (r.group() == dv1::REPRESENTATIVE_GROUP_FRONTLINE ||
        r.group() == dv1::REPRESENTATIVE_GROUP_TEACHER)
      entries.Hold("representatives.frontline", *elected, until);
  }
  return std::move(entries).Finish("representative/" + r.id());
}

// Every figure of a proposal counts in the month it was submitted, so the
// rates compare the same forms.
Contribution ProposalContribution(const dv1::Proposal& p, std::string path) {
  EntryList entries(std::move(path));
  absl::CivilDay day =
      DayOf(p.submitted_date()).value_or(DayOf(p.create_time()));
  entries.Count("proposals.received", day);
  switch (p.status()) {
    case dv1::PROPOSAL_STATUS_SUBMITTED:
      break;
    case dv1::PROPOSAL_STATUS_SUGGESTION:
      entries.Count("proposals.suggestions", day);
      break;
    case dv1::PROPOSAL_STATUS_REJECTED:
      entries.Count("proposals.rejected", day);
      break;
    case dv1::PROPOSAL_STATUS_MERGED:
      entries.Count("proposals.merged", day);
      break;
    default:
      entries.Count("proposals.accepted", day);
  }
  std::optional<absl::CivilDay> replied = DayOf(p.reply_date());
  if (replied) {
    entries.Count("proposals.replied", day);
    std::optional<absl::CivilDay> deadline = DayOf(p.reply_deadline());
    if (deadline && *replied <= *deadline)
      entries.Count("proposals.replied_on_time", day);
  }
  if (p.status() == dv1::PROPOSAL_STATUS_RATED) {
    entries.Count("proposals.rated", day);
    if (p.rating() == dv1::PROPOSAL_RATING_SATISFIED ||
        p.rating() == dv1::PROPOSAL_RATING_BASICALLY_SATISFIED)
      entries.Count("proposals.satisfied", day);
  }
  return std::move(entries).Finish("proposal/" + p.id());
}

std::optional<Schedule> ScheduleOf(dv1::DisclosureFrequency f) {
  switch (f) {
    case dv1::DISCLOSURE_FREQUENCY_MONTHLY:
      return Schedule::kMonthly;
    case dv1::DISCLOSURE_FREQUENCY_QUARTERLY:
      return Schedule::kQuarterly;
    case dv1::DISCLOSURE_FREQUENCY_YEARLY:
      return Schedule::kYearly;
    default:
      return std::nullopt;  // Disclosed as things happen: nothing falls due.
  }
}

Contribution ContractContribution(const dv1::CollectiveContract& c,
                                  std::string path) {
  EntryList entries(std::move(path));
  std::optional<absl::CivilDay> start = DayOf(c.start_date());
  std::optional<absl::CivilDay> approved = DayOf(c.approved_date());
  std::optional<absl::CivilDay> end = DayOf(c.end_date());
  if (c.status() == dv1::CONTRACT_STATUS_APPROVED && start && approved && end) {
    absl::CivilDay from = std::max(*start, *approved);
    entries.Hold("contracts.in_force", from, *end + 1);
    entries.Hold("contracts.workers_covered", from, *end + 1,
                 c.workers_covered());
  }
  return std::move(entries).Finish("contract/" + c.id());
}

}  // namespace

absl::StatusOr<bool> ProjectDemocracy(const events::v1::Event& event,
                                      ProjectionContext&, Projection& out) {
  const google::protobuf::Any& payload = event.payload();
  const std::string& path = event.organisation_path();
  if (payload.Is<dv1::CongressSession>()) {
    ASSIGN_OR_RETURN(auto s, PayloadAs<dv1::CongressSession>(event));
    out.contributions.push_back(SessionContribution(s, path));
  } else if (payload.Is<dv1::Representative>()) {
    ASSIGN_OR_RETURN(auto r, PayloadAs<dv1::Representative>(event));
    out.contributions.push_back(RepresentativeContribution(r, path));
  } else if (payload.Is<dv1::Proposal>()) {
    ASSIGN_OR_RETURN(auto p, PayloadAs<dv1::Proposal>(event));
    out.contributions.push_back(ProposalContribution(p, path));
  } else if (payload.Is<dv1::DisclosureCatalogueEntry>()) {
    ASSIGN_OR_RETURN(auto e, PayloadAs<dv1::DisclosureCatalogueEntry>(event));
    if (std::optional<Schedule> schedule = ScheduleOf(e.frequency())) {
      out.disclosure_line = DisclosureLine{
          e.id(), path, *schedule, e.grace_days(), DayOf(e.create_time())};
    }
  } else if (payload.Is<dv1::DisclosureItem>()) {
    ASSIGN_OR_RETURN(auto item, PayloadAs<dv1::DisclosureItem>(event));
    const absl::CivilDay day =
        DayOf(item.publicity_start_date()).value_or(DayOf(item.create_time()));
    EntryList entries(path);
    entries.Count("disclosure.published", day);
    out.contributions.push_back(
        std::move(entries).Finish("disclosure_item/" + item.id()));
    if (!item.catalogue_entry_id().empty() && !item.period().empty()) {
      out.disclosure =
          Disclosure{item.id(), item.catalogue_entry_id(), item.period(), day};
    }
  } else if (payload.Is<dv1::DisclosureObjection>()) {
    ASSIGN_OR_RETURN(auto o, PayloadAs<dv1::DisclosureObjection>(event));
    EntryList entries(path);
    entries.Count("disclosure.objections",
                  DayOf(o.filed_date()).value_or(DayOf(o.create_time())));
    out.contributions.push_back(
        std::move(entries).Finish("disclosure_objection/" + o.id()));
  } else if (payload.Is<dv1::CollectiveContract>()) {
    ASSIGN_OR_RETURN(auto c, PayloadAs<dv1::CollectiveContract>(event));
    out.contributions.push_back(ContractContribution(c, path));
  } else {
    return false;
  }
  return true;
}

}  // namespace unionhub::reporting
