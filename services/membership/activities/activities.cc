#include "services/membership/activities/activities.h"

#include "absl/container/flat_hash_set.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "libs/auth/visible.h"
#include "libs/base/errors.h"
#include "libs/base/ids.h"
#include "libs/base/paging.h"
#include "libs/base/status_macros.h"
#include "libs/base/text.h"
#include "libs/outbox/outbox.h"
#include "services/membership/convert.h"
#include "services/membership/scope.h"

namespace unionhub::membership {

absl::StatusOr<Activity> Activities::VisibleActivity(sql::Session& s,
                                                     const auth::Caller& caller,
                                                     absl::string_view field,
                                                     absl::string_view id) {
  return auth::FindVisible(
      caller, "activity", field, id, &Activity::organisation_path,
      [&](absl::string_view id) { return activities_.FindActivity(s, id); });
}

absl::StatusOr<Activity> Activities::CreateActivity(
    const auth::Caller& caller, const outbox::RequestKey& idempotency,
    const NewActivity& request) {
  Violations v;
  v.Merge("request_id", outbox::CheckRequestId(idempotency.request_id));
  v.Merge("activity.organisation_id",
          CheckId("activity.organisation_id", request.organisation_id));
  v.Merge("activity.name",
          CheckText("activity.name", request.name, 100, Required::kYes));
  if (request.kind < ActivityKind::kSports ||
      request.kind > ActivityKind::kOther) {
    v.Add("activity.kind", "is required");
  }
  auto start = ParseDate("activity.start_date", request.start_date);
  v.Merge("activity.start_date", start.status());
  auto end = ParseDate("activity.end_date", request.end_date);
  v.Merge("activity.end_date", end.status());
  if (start.ok() && end.ok() && *end < *start) {
    v.Add("activity.end_date", "is before the start date");
  }
  v.Merge("activity.location",
          CheckText("activity.location", request.location, 100, Required::kNo));
  v.Merge("activity.description",
          CheckText("activity.description", request.description, 2000,
                    Required::kNo, true));
  RETURN_IF_ERROR(v.Status());

  return db_->Write([&](sql::Session& s) -> absl::StatusOr<Activity> {
    return outbox::Once(
        s, caller, idempotency, *clock_,
        [&]() -> absl::StatusOr<Activity> {
          Activity a;
          ASSIGN_OR_RETURN(Organisation org,
                           VisibleOrganisation(*store_, s, caller,
                                               "activity.organisation_id",
                                               request.organisation_id));
          if (org.state != OrganisationState::kActive) {
            return absl::FailedPreconditionError("the organisation is closed");
          }
          a.id = NewId();
          a.organisation_id = org.id;
          a.organisation_path = org.path;
          a.name = request.name;
          a.kind = request.kind;
          a.start_date = *start;
          a.end_date = *end;
          a.location = request.location;
          a.description = request.description;
          a.create_time = clock_->Now();
          RETURN_IF_ERROR(activities_.InsertActivity(s, a));
          v1::Activity payload = ToProto(a);
          RETURN_IF_ERROR(
              outbox::Record(s, caller, *clock_,
                             {"membership.activity.created", a.id,
                              a.organisation_path, &payload, a.name}));
          return a;
        },
        [](const Activity& made) { return made.id; },
        [&](const std::string& id) {
          return VisibleActivity(s, caller, "request_id", id);
        });
  });
}

absl::StatusOr<Activity> Activities::GetActivity(const auth::Caller& caller,
                                                 absl::string_view id) {
  return db_->Read(
      [&](sql::Session& s) { return VisibleActivity(s, caller, "id", id); });
}

absl::StatusOr<DatedFilter> Activities::DatedFilterFor(
    sql::Session& s, const auth::Caller& caller, const DatedQuery& query,
    char kind) {
  Violations v;
  PageRequest page =
      ReadPageRequest(v, query.page_size, query.page_token, kind, 2);
  if (query.year != 0 && (query.year < 1900 || query.year > 9999)) {
    v.Add("year", "must be a four-digit year, or 0 for all");
  }
  std::string root =
      auth::ListRoot(v, caller, "organisation_id", query.organisation_id);
  RETURN_IF_ERROR(v.Status());
  DatedFilter f;
  if (!page.after.empty()) {
    f.before_date = page.after[0];
    f.before_id = page.after[1];
  }
  ASSIGN_OR_RETURN(
      Organisation org,
      VisibleOrganisation(*store_, s, caller, "organisation_id", root));
  f.under_path = org.path;
  f.year = query.year;
  f.kind = static_cast<int>(query.kind);
  f.limit = page.limit();
  return f;
}

absl::StatusOr<Page<Activity>> Activities::ListActivities(
    const auth::Caller& caller, const DatedQuery& query) {
  std::vector<Activity> rows;
  DatedFilter f;
  RETURN_IF_ERROR(db_->Read([&](sql::Session& s) -> absl::Status {
    ASSIGN_OR_RETURN(f, DatedFilterFor(s, caller, query, 'a'));
    ASSIGN_OR_RETURN(rows, activities_.ListActivities(s, f));
    return absl::OkStatus();
  }));
  return MakePage(std::move(rows), f.limit - 1, 'a', [](const Activity& a) {
    return std::vector<std::string>{FormatDate(a.start_date), a.id};
  });
}

absl::StatusOr<ParticipantsAdded> Activities::AddParticipants(
    const auth::Caller& caller, absl::string_view activity_id,
    const std::vector<Participation>& participants) {
  Violations v;
  v.Merge("activity_id", CheckId("activity_id", activity_id));
  if (participants.empty()) v.Add("participants", "is empty");
  if (participants.size() > kMaxParticipantsPerCall) {
    v.Add("participants",
          absl::StrCat("holds more than ", kMaxParticipantsPerCall,
                       "; send them in several calls"));
  }
  absl::flat_hash_set<std::string> seen;
  for (size_t i = 0; i < participants.size() && i < kMaxParticipantsPerCall;
       ++i) {
    std::string field = absl::StrCat("participants[", i, "]");
    const Participation& p = participants[i];
    v.Merge(field + ".member_id", CheckId(field + ".member_id", p.member_id));
    if (!seen.insert(p.member_id).second)
      v.Add(field + ".member_id", "is listed twice");
    v.Merge(field + ".award",
            CheckText(field + ".award", p.award, 20, Required::kNo));
    v.Merge(field + ".note",
            CheckText(field + ".note", p.note, 200, Required::kNo));
  }
  RETURN_IF_ERROR(v.Status());
  return db_->Write([&](sql::Session& s) -> absl::StatusOr<ParticipantsAdded> {
    ParticipantsAdded result;
    ASSIGN_OR_RETURN(Activity a,
                     VisibleActivity(s, caller, "activity_id", activity_id));
    for (size_t i = 0; i < participants.size(); ++i) {
      Participation p = participants[i];
      std::string field = absl::StrCat("participants[", i, "].member_id");
      ASSIGN_OR_RETURN(Member m,
                       VisibleMember(*store_, s, caller, field, p.member_id));
      if (!absl::StartsWith(m.organisation_path, a.organisation_path) ||
          !HoldsMembership(m.status)) {
        return InvalidField(
            field,
            "is not an active or retired member of the union that held "
            "the activity");
      }
      p.activity_id = a.id;
      ASSIGN_OR_RETURN(ActivityStore::Put put,
                       activities_.PutParticipation(s, p));
      if (put == ActivityStore::Put::kAdded) ++result.added;
      if (put == ActivityStore::Put::kUpdated) ++result.updated;
    }
    ASSIGN_OR_RETURN(a, VisibleActivity(s, caller, "activity_id", activity_id));
    result.participant_count = a.participant_count;
    if (result.added == 0 && result.updated == 0) return result;  // No change.
    v1::Activity payload = ToProto(a);
    RETURN_IF_ERROR(outbox::Record(
        s, caller, *clock_,
        {"membership.activity.participants_added", a.id, a.organisation_path,
         &payload,
         absl::StrCat(result.added, " added, ", result.updated, " updated")}));
    return result;
  });
}

absl::StatusOr<Page<Participation>> Activities::ListParticipants(
    const auth::Caller& caller, absl::string_view activity_id, int page_size,
    absl::string_view page_token) {
  Violations v;
  PageRequest page = ReadPageRequest(v, page_size, page_token, 'p', 2);
  RETURN_IF_ERROR(v.Status());
  std::string after_name = page.after_id();
  std::string after_id = page.after.empty() ? "" : page.after[1];
  std::vector<Participation> rows;
  RETURN_IF_ERROR(db_->Read([&](sql::Session& s) -> absl::Status {
    ASSIGN_OR_RETURN(Activity a,
                     VisibleActivity(s, caller, "activity_id", activity_id));
    ASSIGN_OR_RETURN(rows, activities_.ListParticipations(
                               s, a.id, after_name, after_id, page.limit()));
    return absl::OkStatus();
  }));
  return MakePage(std::move(rows), page.size, 'p', [](const Participation& p) {
    return std::vector<std::string>{p.member_name, p.member_id};
  });
}

absl::StatusOr<Honour> Activities::RecordHonour(
    const auth::Caller& caller, const outbox::RequestKey& idempotency,
    const NewHonour& request) {
  Violations v;
  v.Merge("request_id", outbox::CheckRequestId(idempotency.request_id));
  if (request.member_id.empty() == request.organisation_id.empty()) {
    v.Add("honour.member_id",
          "give either member_id (a personal honour) or organisation_id (a "
          "collective "
          "one)");
  } else if (!request.member_id.empty()) {
    v.Merge("honour.member_id", CheckId("honour.member_id", request.member_id));
  } else {
    v.Merge("honour.organisation_id",
            CheckId("honour.organisation_id", request.organisation_id));
  }
  v.Merge("honour.title",
          CheckText("honour.title", request.title, 50, Required::kYes));
  if (request.level < HonourLevel::kNational ||
      request.level > HonourLevel::kUnit) {
    v.Add("honour.level", "is required");
  }
  v.Merge(
      "honour.awarded_by",
      CheckText("honour.awarded_by", request.awarded_by, 100, Required::kYes));
  auto date =
      ParsePastDate("honour.award_date", request.award_date, clock_->Today());
  v.Merge("honour.award_date", date.status());
  RETURN_IF_ERROR(v.Status());

  return db_->Write([&](sql::Session& s) -> absl::StatusOr<Honour> {
    return outbox::Once(
        s, caller, idempotency, *clock_,
        [&]() -> absl::StatusOr<Honour> {
          Honour h;
          if (!request.member_id.empty()) {
            ASSIGN_OR_RETURN(
                Member m, VisibleMember(*store_, s, caller, "honour.member_id",
                                        request.member_id));
            h.member_id = m.id;
            h.organisation_id = m.organisation_id;
            h.organisation_path = m.organisation_path;
          } else {
            ASSIGN_OR_RETURN(Organisation org,
                             VisibleOrganisation(*store_, s, caller,
                                                 "honour.organisation_id",
                                                 request.organisation_id));
            h.organisation_id = org.id;
            h.organisation_path = org.path;
          }
          h.id = NewId();
          h.title = request.title;
          h.level = request.level;
          h.awarded_by = request.awarded_by;
          h.award_date = *date;
          h.create_time = clock_->Now();
          RETURN_IF_ERROR(activities_.InsertHonour(s, h));
          v1::Honour payload = ToProto(h);
          RETURN_IF_ERROR(
              outbox::Record(s, caller, *clock_,
                             {"membership.honour.recorded", h.id,
                              h.organisation_path, &payload, h.title}));
          return h;
        },
        [](const Honour& made) { return made.id; },
        [&](const std::string& id) {
          return outbox::MadeEarlier(activities_.FindHonour(s, id));
        });
  });
}

absl::StatusOr<Page<Honour>> Activities::ListHonours(const auth::Caller& caller,
                                                     const DatedQuery& query) {
  DatedQuery honours = query;
  honours.kind = ActivityKind::kUnspecified;  // Honours have no kind.
  std::vector<Honour> rows;
  DatedFilter f;
  RETURN_IF_ERROR(db_->Read([&](sql::Session& s) -> absl::Status {
    ASSIGN_OR_RETURN(f, DatedFilterFor(s, caller, honours, 'h'));
    ASSIGN_OR_RETURN(rows, activities_.ListHonours(s, f));
    return absl::OkStatus();
  }));
  return MakePage(std::move(rows), f.limit - 1, 'h', [](const Honour& h) {
    return std::vector<std::string>{FormatDate(h.award_date), h.id};
  });
}

}  // namespace unionhub::membership
