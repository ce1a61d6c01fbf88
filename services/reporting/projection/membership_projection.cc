// Organisations, members, the founding register, model workers and
// activities, from membership's feed.
#include "libs/base/status_macros.h"
#include "services/reporting/period.h"
#include "services/reporting/projection/entries.h"
#include "services/reporting/projection/sources.h"
#include "unionhub/membership/v1/activities.pb.h"
#include "unionhub/membership/v1/enterprises.pb.h"
#include "unionhub/membership/v1/members.pb.h"
#include "unionhub/membership/v1/model_workers.pb.h"
#include "unionhub/membership/v1/organisations.pb.h"

namespace unionhub::reporting {
namespace {

namespace mv1 = membership::v1;

// Where a record of organisation `id` is counted: the path the membership
// feed gave that organisation, else the event's own.
absl::StatusOr<std::string> PlaceOf(const events::v1::Event& event,
                                    ProjectionContext& context,
                                    const std::string& id) {
  ASSIGN_OR_RETURN(std::string path, context.PathOf(id));
  return path.empty() ? event.organisation_path() : path;
}

void ProjectOrganisation(const mv1::Organisation& o, Projection& out) {
  out.organisation = OrganisationRecord{
      o.id(),   o.parent_id(), o.path(),
      o.name(), o.type(),      o.state() == mv1::ORGANISATION_STATE_CLOSED};
  EntryList entries(o.path());
  if (o.type() == mv1::ORGANISATION_TYPE_GRASSROOTS) {
    std::optional<absl::CivilDay> closed;
    if (out.organisation->closed) closed = DayOf(o.update_time());
    entries.Hold("organisations.grassroots", DayOf(o.create_time()), closed);
  }
  out.contributions.push_back(
      std::move(entries).Finish("organisation/" + o.id()));
}

// A member's row counts from joining (or, for a transfer in, from the
// transfer) until the status date of leaving ACTIVE.
absl::StatusOr<Contribution> MemberContribution(const mv1::Member& m,
                                                std::string path,
                                                ProjectionContext& context) {
  const std::string subject = "member/" + m.id();
  EntryList entries(std::move(path));
  const bool transferred_in = !m.transferred_from_member_id().empty();
  std::optional<absl::CivilDay> joined = DayOf(m.join_date());
  std::optional<absl::CivilDay> status_day = DayOf(m.status_date());
  std::optional<absl::CivilDay> start = transferred_in ? status_day : joined;
  if (transferred_in) {
    // The status date is the transfer's only while the member stays active;
    // later it is the date of leaving, so the first month seen is kept.
    ASSIGN_OR_RETURN(std::vector<Entry> before, context.EntriesOf(subject));
    for (const Entry& e : before) {
      if (e.code == "members.transferred_in") {
        start = absl::CivilDay(absl::CivilMonth(e.month / 100, e.month % 100));
      }
    }
  }
  if (!start) start = DayOf(m.create_time());
  std::optional<absl::CivilDay> end;
  if (m.status() != mv1::MEMBER_STATUS_ACTIVE)
    end = status_day.value_or(*start);
  entries.Count(transferred_in ? "members.transferred_in" : "members.joined",
                *start);
  if (end) entries.Count("members.departed", *end);
  entries.Hold("members.active", *start, end);
  if (m.sex() == mv1::SEX_FEMALE) entries.Hold("members.women", *start, end);
  if (m.employment_type() == mv1::EMPLOYMENT_TYPE_MIGRANT)
    entries.Hold("members.migrant", *start, end);
  return std::move(entries).Finish(subject);
}

void ProjectEnterprise(const mv1::Enterprise& e, std::string path,
                       Projection& out) {
  EntryList entries(std::move(path));
  entries.Hold("enterprises.registered", DayOf(e.create_time()), std::nullopt);
  if (e.required_to_found())
    entries.Hold("enterprises.required", DayOf(e.create_time()), std::nullopt);
  std::optional<absl::CivilDay> founded = DayOf(e.founded_date());
  if (e.founding_status() == mv1::UNION_FOUNDING_STATUS_FOUNDED && founded) {
    entries.Count("enterprises.founded_in_period", *founded);
    if (e.required_to_found())
      entries.Hold("enterprises.founded", *founded, std::nullopt);
    entries.Hold("workers.founded_enterprises", *founded, std::nullopt,
                 e.employees());
  }
  out.contributions.push_back(
      std::move(entries).Finish("enterprise/" + e.id()));
}

void ProjectModelWorker(const mv1::ModelWorker& w, std::string path,
                        Projection& out) {
  EntryList entries(std::move(path));
  const char* code = nullptr;
  switch (w.level()) {
    case mv1::MODEL_WORKER_LEVEL_NATIONAL:
      code = "model_workers.national";
      break;
    case mv1::MODEL_WORKER_LEVEL_PROVINCIAL:
      code = "model_workers.provincial";
      break;
    case mv1::MODEL_WORKER_LEVEL_CITY:
      code = "model_workers.city";
      break;
    default:
      break;
  }
  if (code != nullptr && IsReportYear(w.award_year())) {
    entries.Hold(code, absl::CivilDay(w.award_year(), 1, 1), std::nullopt);
  }
  out.contributions.push_back(
      std::move(entries).Finish("model_worker/" + w.id()));
}

void ProjectActivity(const mv1::Activity& a, std::string path,
                     Projection& out) {
  EntryList entries(std::move(path));
  absl::CivilDay day = DayOf(a.start_date()).value_or(DayOf(a.create_time()));
  entries.Count("activities.held", day);
  entries.Count("activities.participants", day, a.participant_count());
  out.contributions.push_back(std::move(entries).Finish("activity/" + a.id()));
}

}  // namespace

absl::StatusOr<bool> ProjectMembership(const events::v1::Event& event,
                                       ProjectionContext& context,
                                       Projection& out) {
  const google::protobuf::Any& payload = event.payload();
  if (payload.Is<mv1::Organisation>()) {
    ASSIGN_OR_RETURN(auto o, PayloadAs<mv1::Organisation>(event));
    ProjectOrganisation(o, out);
  } else if (payload.Is<mv1::Member>()) {
    ASSIGN_OR_RETURN(auto m, PayloadAs<mv1::Member>(event));
    ASSIGN_OR_RETURN(std::string path,
                     PlaceOf(event, context, m.organisation_id()));
    ASSIGN_OR_RETURN(Contribution c, MemberContribution(m, path, context));
    out.contributions.push_back(std::move(c));
  } else if (payload.Is<mv1::MembersImported>()) {
    ASSIGN_OR_RETURN(auto batch, PayloadAs<mv1::MembersImported>(event));
    for (const mv1::Member& m : batch.members()) {
      ASSIGN_OR_RETURN(std::string path,
                       PlaceOf(event, context, m.organisation_id()));
      ASSIGN_OR_RETURN(Contribution c, MemberContribution(m, path, context));
      out.contributions.push_back(std::move(c));
    }
  } else if (payload.Is<mv1::Enterprise>()) {
    ASSIGN_OR_RETURN(auto e, PayloadAs<mv1::Enterprise>(event));
    ASSIGN_OR_RETURN(std::string path,
                     PlaceOf(event, context, e.organisation_id()));
    ProjectEnterprise(e, std::move(path), out);
  } else if (payload.Is<mv1::ModelWorker>()) {
    ASSIGN_OR_RETURN(auto w, PayloadAs<mv1::ModelWorker>(event));
    ASSIGN_OR_RETURN(std::string path,
                     PlaceOf(event, context, w.organisation_id()));
    ProjectModelWorker(w, std::move(path), out);
  } else if (payload.Is<mv1::Activity>()) {
    ASSIGN_OR_RETURN(auto a, PayloadAs<mv1::Activity>(event));
    ASSIGN_OR_RETURN(std::string path,
                     PlaceOf(event, context, a.organisation_id()));
    ProjectActivity(a, std::move(path), out);
  } else {
    return false;
  }
  return true;
}

}  // namespace unionhub::reporting
