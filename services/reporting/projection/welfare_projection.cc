// Aid payments, hardship files, condolence visits and cases, from welfare's
// feed. Each is counted where the event places it (the union that paid,
// visited or received).
#include <set>

#include "absl/strings/str_cat.h"
#include "libs/base/status_macros.h"
#include "services/reporting/projection/entries.h"
#include "services/reporting/projection/sources.h"
#include "unionhub/welfare/v1/applications.pb.h"
#include "unionhub/welfare/v1/cases.pb.h"
#include "unionhub/welfare/v1/condolences.pb.h"
#include "unionhub/welfare/v1/hardship.pb.h"

namespace unionhub::reporting {
namespace {

namespace wv1 = welfare::v1;

const char* CampaignCode(wv1::CampaignKind kind) {
  switch (kind) {
    case wv1::CAMPAIGN_KIND_SPRING_WARMTH:
      return "spring_warmth";
    case wv1::CAMPAIGN_KIND_STUDENT_AID:
      return "student_aid";
    case wv1::CAMPAIGN_KIND_MODEL_WORKER_AID:
      return "model_worker_aid";
    case wv1::CAMPAIGN_KIND_MEDICAL_AID:
      return "medical_aid";
    default:
      return "other_aid";
  }
}

const char* CondolenceCode(wv1::CondolenceEvent event) {
  switch (event) {
    case wv1::CONDOLENCE_EVENT_SICKNESS:
      return "sickness";
    case wv1::CONDOLENCE_EVENT_CHILDBIRTH:
      return "childbirth";
    case wv1::CONDOLENCE_EVENT_MARRIAGE:
      return "marriage";
    case wv1::CONDOLENCE_EVENT_MEMBER_DEATH:
      return "member_death";
    case wv1::CONDOLENCE_EVENT_RELATIVE_DEATH:
      return "relative_death";
    case wv1::CONDOLENCE_EVENT_RETIREE_FESTIVAL:
      return "retiree_festival";
    case wv1::CONDOLENCE_EVENT_BIRTHDAY:
      return "birthday";
    default:
      return nullptr;
  }
}

// The people helped count at the recipient's union, the money at the union
// that paid (welfare's AidPayment says so). A reversed payment counts no
// more: it is subtracted where it was counted, in the month it was paid.
absl::StatusOr<Contribution> PaymentContribution(const wv1::AidPayment& p,
                                                 const std::string& payer,
                                                 ProjectionContext& context) {
  const std::string subject = "payment/" + p.id();
  if (!p.reversed_date().empty()) return Contribution{subject, {}};
  std::string recipient = payer;
  if (!p.recipient_organisation_id().empty()) {
    ASSIGN_OR_RETURN(recipient, context.PathOf(p.recipient_organisation_id()));
    if (recipient.empty()) {
      // Membership's feed has not brought the union yet: this feed waits
      // for it (and is asked again), so the outcome never depends on which
      // feed ran ahead.
      return absl::UnavailableError(
          absl::StrCat("waiting for membership's feed to bring organisation ",
                       p.recipient_organisation_id()));
    }
  }
  absl::CivilDay day = DayOf(p.paid_date()).value_or(DayOf(p.create_time()));
  const std::string kind = CampaignCode(p.campaign_kind());
  EntryList money(payer), people(recipient);
  people.Count("aid.people", day);
  money.Count("aid.fen", day, p.amount_fen());
  people.Count("aid." + kind + ".people", day);
  money.Count("aid." + kind + ".fen", day, p.amount_fen());
  Contribution c = std::move(money).Finish(subject);
  for (Entry& e : std::move(people).Finish(subject).entries)
    c.entries.push_back(std::move(e));
  c.entries = Normalise(std::move(c.entries));
  return c;
}

// The code of a hardship cause in "hardship.cause.<code>".
const char* CauseCode(int cause) {
  switch (cause) {
    case wv1::HARDSHIP_CAUSE_ILLNESS:
      return "illness";
    case wv1::HARDSHIP_CAUSE_DISABILITY:
      return "disability";
    case wv1::HARDSHIP_CAUSE_DISASTER:
      return "disaster";
    case wv1::HARDSHIP_CAUSE_CHILD_EDUCATION:
      return "child_education";
    case wv1::HARDSHIP_CAUSE_SINGLE_PARENT:
      return "single_parent";
    case wv1::HARDSHIP_CAUSE_UNEMPLOYMENT:
      return "unemployment";
    case wv1::HARDSHIP_CAUSE_OTHER:
      return "other";
    default:
      return nullptr;
  }
}

Contribution HardshipContribution(const wv1::HardshipFile& f,
                                  std::string path) {
  EntryList entries(std::move(path));
  std::optional<absl::CivilDay> approved = DayOf(f.approved_date());
  const char* level = nullptr;
  switch (f.level()) {
    case wv1::HARDSHIP_LEVEL_DEEP:
      level = "hardship.deep";
      break;
    case wv1::HARDSHIP_LEVEL_RELATIVE:
      level = "hardship.relative";
      break;
    case wv1::HARDSHIP_LEVEL_ACCIDENT:
      level = "hardship.accident";
      break;
    default:
      break;
  }
  const bool approved_once = f.status() == wv1::HARDSHIP_FILE_STATUS_ACTIVE ||
                             f.status() == wv1::HARDSHIP_FILE_STATUS_EXITED;
  if (approved && approved_once) {
    entries.Count("hardship.opened", *approved);
    std::optional<absl::CivilDay> exited;
    if (f.status() == wv1::HARDSHIP_FILE_STATUS_EXITED)
      exited = DayOf(f.exit_date()).value_or(*approved);
    if (level != nullptr) entries.Hold(level, *approved, exited);
    std::set<std::string> causes;  // Each named cause once.
    for (int cause : f.causes()) {
      if (const char* code = CauseCode(cause))
        causes.insert(absl::StrCat("hardship.cause.", code));
    }
    for (const std::string& code : causes)
      entries.Hold(code, *approved, exited);
  }
  return std::move(entries).Finish("hardship/" + f.id());
}

Contribution VisitContribution(const wv1::CondolenceVisit& v,
                               std::string path) {
  EntryList entries(std::move(path));
  absl::CivilDay day = DayOf(v.visit_date()).value_or(DayOf(v.create_time()));
  entries.Count("condolence.visits", day);
  entries.Count("condolence.fen", day, v.amount_fen());
  if (const char* event = CondolenceCode(v.event())) {
    entries.Count(absl::StrCat("condolence.", event, ".visits"), day);
    entries.Count(absl::StrCat("condolence.", event, ".fen"), day,
                  v.amount_fen());
  }
  return std::move(entries).Finish("condolence_visit/" + v.id());
}

Contribution CaseContribution(const wv1::Case& c, std::string path) {
  EntryList entries(std::move(path));
  absl::CivilDay received =
      DayOf(c.received_date()).value_or(DayOf(c.create_time()));
  entries.Count(c.kind() == wv1::CASE_KIND_RIGHTS ? "cases.rights_received"
                                                  : "cases.letters_received",
                received);
  std::optional<absl::CivilDay> resolved = DayOf(c.resolved_date());
  if (c.status() == wv1::CASE_STATUS_RESOLVED && resolved) {
    entries.Count("cases.resolved", *resolved);
    if (!c.resolved_late()) entries.Count("cases.resolved_on_time", *resolved);
    entries.Count("cases.money_recovered_fen", *resolved,
                  c.money_recovered_fen());
  }
  return std::move(entries).Finish("case/" + c.id());
}

}  // namespace

absl::StatusOr<bool> ProjectWelfare(const events::v1::Event& event,
                                    ProjectionContext& context,
                                    Projection& out) {
  const google::protobuf::Any& payload = event.payload();
  const std::string& path = event.organisation_path();
  if (payload.Is<wv1::AidPayment>()) {
    ASSIGN_OR_RETURN(auto p, PayloadAs<wv1::AidPayment>(event));
    ASSIGN_OR_RETURN(Contribution c, PaymentContribution(p, path, context));
    out.contributions.push_back(std::move(c));
  } else if (payload.Is<wv1::HardshipFile>()) {
    ASSIGN_OR_RETURN(auto f, PayloadAs<wv1::HardshipFile>(event));
    out.contributions.push_back(HardshipContribution(f, path));
  } else if (payload.Is<wv1::CondolenceVisit>()) {
    ASSIGN_OR_RETURN(auto v, PayloadAs<wv1::CondolenceVisit>(event));
    out.contributions.push_back(VisitContribution(v, path));
  } else if (payload.Is<wv1::Case>()) {
    ASSIGN_OR_RETURN(auto c, PayloadAs<wv1::Case>(event));
    out.contributions.push_back(CaseContribution(c, path));
  } else {
    return false;
  }
  return true;
}

}  // namespace unionhub::reporting
