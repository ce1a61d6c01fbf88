#include "services/welfare/condolences/condolences.h"

#include <algorithm>
#include <map>

#include "absl/strings/str_cat.h"
#include "libs/auth/visible.h"
#include "libs/base/errors.h"
#include "libs/base/ids.h"
#include "libs/base/money.h"
#include "libs/base/status_macros.h"
#include "libs/base/text.h"
#include "libs/clients/subtree.h"
#include "libs/outbox/outbox.h"
#include "services/welfare/convert.h"

namespace unionhub::welfare {
namespace {

constexpr size_t kMaxNote = 200;

std::string EventName(CondolenceEvent event) {
  return v1::CondolenceEvent_Name(static_cast<v1::CondolenceEvent>(event));
}

// What `standard` says, for messages: "CHILDBIRTH under the standard of
// organisation X from 2026-01-01".
std::string Rule(const CondolenceStandard& c) {
  return absl::StrCat(EventName(c.event),
                      " under the standard of organisation ", c.organisation_id,
                      " from ", FormatDate(c.effective_date));
}

// The membership a visit for `event` is made to.
absl::StatusOr<clients::MemberRef> VisitedMembership(
    const std::vector<clients::MemberRef>& memberships, CondolenceEvent event) {
  for (const clients::MemberRef& m : memberships) {
    if (event == CondolenceEvent::kRetireeFestival) {
      if (m.status == membership::v1::MEMBER_STATUS_RETIRED) return m;
    } else if (m.holds_membership() ||
               (event == CondolenceEvent::kMemberDeath &&
                m.status == membership::v1::MEMBER_STATUS_DECEASED)) {
      return m;
    }
  }
  return absl::FailedPreconditionError(
      event == CondolenceEvent::kRetireeFestival
          ? "festival visits to retirees are for retired members; this person "
            "holds no retired membership here"
          : "the person holds no membership here");
}

}  // namespace

absl::StatusOr<std::vector<CondolenceStandard>> Condolences::InForce(
    sql::Session& s, absl::string_view path, CondolenceEvent event,
    absl::CivilDay date) {
  std::vector<std::string> ids = clients::PathIds(path);
  ASSIGN_OR_RETURN(std::vector<CondolenceStandard> rows,
                   standards_.StandardsUpTo(s, ids, event, date));
  // Rows come newest first: per event, keep the deepest union's first row.
  std::map<CondolenceEvent, std::pair<size_t, CondolenceStandard>> best;
  for (CondolenceStandard& c : rows) {
    size_t depth =
        std::find(ids.begin(), ids.end(), c.organisation_id) - ids.begin();
    auto it = best.find(c.event);
    if (it == best.end() || depth > it->second.first) {
      best[c.event] = {depth, std::move(c)};
    }
  }
  std::vector<CondolenceStandard> out;
  for (auto& [event, chosen] : best) out.push_back(std::move(chosen.second));
  return out;
}

absl::StatusOr<CondolenceStandard> Condolences::CreateStandard(
    const auth::Caller& caller, const outbox::RequestKey& idempotency,
    const NewCondolenceStandard& request) {
  const NewCondolenceStandard& n = request;
  Violations v;
  v.Merge("request_id", outbox::CheckRequestId(idempotency.request_id));
  v.Merge("standard.organisation_id",
          CheckId("standard.organisation_id", n.organisation_id));
  if (n.event == CondolenceEvent::kUnspecified)
    v.Add("standard.event", "is required");
  auto effective = ParseDate("standard.effective_date", n.effective_date);
  v.Merge("standard.effective_date", effective.status());
  if (n.min_amount_fen < 0)
    v.Add("standard.min_amount_fen", "must not be negative");
  if (n.max_amount_fen <= 0 || n.max_amount_fen > kMaxAmountFen)
    v.Add("standard.max_amount_fen", "must be more than 0");
  if (n.max_amount_fen < n.min_amount_fen)
    v.Add("standard.max_amount_fen", "is less than min_amount_fen");
  if (n.paying_level == PayingLevel::kUnspecified)
    v.Add("standard.paying_level", "is required");
  if (n.form == CondolenceForm::kUnspecified)
    v.Add("standard.form", "is required");
  if (n.max_visits_per_year < 0 || n.max_visits_per_year > 366)
    v.Add("standard.max_visits_per_year", "must be 0 (no limit) to 366");
  if (n.max_fen_per_year < 0 || n.max_fen_per_year > kMaxAmountFen)
    v.Add("standard.max_fen_per_year", "must be 0 (no limit) or more");
  else if (n.max_fen_per_year > 0 && n.max_fen_per_year < n.min_amount_fen)
    v.Add("standard.max_fen_per_year", "is less than one visit's least");
  RETURN_IF_ERROR(v.Status());
  ASSIGN_OR_RETURN(clients::OrganisationRef holder,
                   membership_->GetOrganisation(
                       caller, "standard.organisation_id", n.organisation_id));
  if (!holder.open) return absl::FailedPreconditionError("the union is closed");
  return db_->Write([&](sql::Session& s) -> absl::StatusOr<CondolenceStandard> {
    return outbox::Once(
        s, caller, idempotency, *clock_,
        [&]() -> absl::StatusOr<CondolenceStandard> {
          ASSIGN_OR_RETURN(std::optional<CondolenceStandard> latest,
                           standards_.LatestStandard(s, holder.id, n.event));
          if (latest && *effective <= latest->effective_date) {
            return InvalidField(
                "standard.effective_date",
                absl::StrCat("must be after the union's latest standard for "
                             "the event, from ",
                             FormatDate(latest->effective_date)));
          }
          CondolenceStandard c;
          c.id = NewId();
          c.organisation_id = holder.id;
          c.organisation_path = holder.path;
          c.event = n.event;
          c.effective_date = *effective;
          c.min_amount_fen = n.min_amount_fen;
          c.max_amount_fen = n.max_amount_fen;
          c.paying_level = n.paying_level;
          c.form = n.form;
          c.max_visits_per_year = n.max_visits_per_year;
          c.max_fen_per_year = n.max_fen_per_year;
          c.create_time = clock_->Now();
          RETURN_IF_ERROR(standards_.InsertStandard(s, c));
          v1::CondolenceStandard payload = ToProto(c);
          RETURN_IF_ERROR(
              outbox::Record(s, caller, *clock_,
                             {"welfare.condolence_standard.created", c.id,
                              c.organisation_path, &payload, ""}));
          return c;
        },
        [](const CondolenceStandard& made) { return made.id; },
        [&](const std::string& id) {
          return outbox::MadeEarlier(standards_.FindStandard(s, id));
        });
  });
}

absl::StatusOr<Page<CondolenceStandard>> Condolences::ListStandards(
    const auth::Caller& caller, absl::string_view organisation_id,
    CondolenceEvent event, int page_size, absl::string_view page_token) {
  Violations v;
  PageRequest page = ReadPageRequest(v, page_size, page_token, 'k', 2);
  std::string root =
      auth::ListRoot(v, caller, "organisation_id", organisation_id);
  RETURN_IF_ERROR(v.Status());
  ASSIGN_OR_RETURN(
      std::string path,
      clients::SubtreePath(*membership_, caller, "organisation_id", root));
  std::vector<std::string> ids = clients::PathIds(path);
  ASSIGN_OR_RETURN(
      std::vector<CondolenceStandard> rows, db_->Read([&](sql::Session& s) {
        return standards_.ListStandards(s, ids.back(), event, page.after_id(),
                                        page.after.empty() ? "" : page.after[1],
                                        page.limit());
      }));
  return MakePage(
      std::move(rows), page.size, 'k', [](const CondolenceStandard& c) {
        return std::vector<std::string>{FormatDate(c.effective_date), c.id};
      });
}

absl::StatusOr<std::vector<CondolenceStandard>> Condolences::EffectiveStandards(
    const auth::Caller& caller, absl::string_view organisation_id,
    absl::string_view date) {
  Violations v;
  std::string root =
      auth::ListRoot(v, caller, "organisation_id", organisation_id);
  absl::CivilDay day = clock_->Today();
  if (!date.empty()) {
    auto parsed = ParseDate("date", date);
    v.Merge("date", parsed.status());
    if (parsed.ok()) day = *parsed;
  }
  RETURN_IF_ERROR(v.Status());
  ASSIGN_OR_RETURN(
      std::string path,
      clients::SubtreePath(*membership_, caller, "organisation_id", root));
  return db_->Read([&](sql::Session& s) {
    return InForce(s, path, CondolenceEvent::kUnspecified, day);
  });
}

absl::StatusOr<CondolenceVisit> Condolences::RecordVisit(
    const auth::Caller& caller, const outbox::RequestKey& idempotency,
    const NewCondolenceVisit& request) {
  const NewCondolenceVisit& n = request;
  Violations v;
  v.Merge("request_id", outbox::CheckRequestId(idempotency.request_id));
  v.Merge("visit.person_id", CheckId("visit.person_id", n.person_id));
  if (n.event == CondolenceEvent::kUnspecified)
    v.Add("visit.event", "is required");
  auto date = ParsePastDate("visit.visit_date", n.visit_date, clock_->Today());
  v.Merge("visit.visit_date", date.status());
  if (n.amount_fen <= 0 || n.amount_fen > kMaxAmountFen)
    v.Add("visit.amount_fen", "must be more than 0");
  v.Merge("visit.note",
          CheckText("visit.note", n.note, kMaxNote, Required::kNo));
  RETURN_IF_ERROR(v.Status());
  // Asked before the transaction: membership down writes nothing.
  ASSIGN_OR_RETURN(
      std::vector<clients::MemberRef> memberships,
      membership_->Memberships(caller, "visit.person_id", n.person_id));
  ASSIGN_OR_RETURN(clients::MemberRef member,
                   VisitedMembership(memberships, n.event));
  ASSIGN_OR_RETURN(clients::OrganisationRef union_of_member,
                   membership_->GetOrganisation(caller, "visit.person_id",
                                                member.organisation_id));
  return db_->Write([&](sql::Session& s) -> absl::StatusOr<CondolenceVisit> {
    return outbox::Once(
        s, caller, idempotency, *clock_,
        [&]() -> absl::StatusOr<CondolenceVisit> {
          ASSIGN_OR_RETURN(std::vector<CondolenceStandard> in_force,
                           InForce(s, union_of_member.path, n.event, *date));
          if (in_force.empty()) {
            return absl::FailedPreconditionError(
                absl::StrCat("no condolence standard for ", EventName(n.event),
                             " applies to the member's union on ",
                             FormatDate(*date), ": set one first"));
          }
          const CondolenceStandard& rule = in_force.front();
          if (n.amount_fen < rule.min_amount_fen ||
              n.amount_fen > rule.max_amount_fen) {
            return InvalidField(
                "visit.amount_fen",
                absl::StrCat(Rule(rule), " gives ",
                             FormatYuan(rule.min_amount_fen), " to ",
                             FormatYuan(rule.max_amount_fen), ": ",
                             FormatYuan(n.amount_fen), " is refused"));
          }
          ASSIGN_OR_RETURN(
              VisitsOfYear year,
              standards_.VisitsOf(s, n.person_id, n.event, date->year()));
          if (rule.max_visits_per_year > 0 &&
              year.count >= rule.max_visits_per_year) {
            return absl::FailedPreconditionError(
                absl::StrCat(Rule(rule), " allows ", rule.max_visits_per_year,
                             " visit(s) a year; this member has had ",
                             year.count, " in ", date->year()));
          }
          if (rule.max_fen_per_year > 0 &&
              year.total_fen + n.amount_fen > rule.max_fen_per_year) {
            return InvalidField(
                "visit.amount_fen",
                absl::StrCat(Rule(rule), " allows ",
                             FormatYuan(rule.max_fen_per_year), " a year; ",
                             FormatYuan(year.total_fen), " given in ",
                             date->year(), ", so at most ",
                             FormatYuan(rule.max_fen_per_year - year.total_fen),
                             " more"));
          }
          CondolenceVisit visit;
          visit.id = NewId();
          visit.person_id = n.person_id;
          visit.member_id = member.id;
          visit.organisation_id = union_of_member.id;
          visit.organisation_path = union_of_member.path;
          visit.event = n.event;
          visit.visit_date = *date;
          visit.amount_fen = n.amount_fen;
          visit.form = rule.form;
          visit.paying_level = rule.paying_level;
          visit.standard_id = rule.id;
          visit.standard_organisation_id = rule.organisation_id;
          visit.note = n.note;
          visit.create_time = clock_->Now();
          RETURN_IF_ERROR(standards_.InsertVisit(s, visit));
          v1::CondolenceVisit payload = ToProto(visit);
          RETURN_IF_ERROR(
              outbox::Record(s, caller, *clock_,
                             {"welfare.condolence_visit.recorded", visit.id,
                              visit.organisation_path, &payload, ""}));
          return visit;
        },
        [](const CondolenceVisit& made) { return made.id; },
        [&](const std::string& id) {
          return outbox::MadeEarlier(standards_.FindVisit(s, id));
        });
  });
}

absl::StatusOr<CondolenceVisit> Condolences::GetVisit(
    const auth::Caller& caller, absl::string_view id) {
  return db_->Read([&](sql::Session& s) {
    return auth::FindVisible(
        caller, "condolence visit", "id", id,
        &CondolenceVisit::organisation_path,
        [&](absl::string_view id) { return standards_.FindVisit(s, id); });
  });
}

absl::StatusOr<Page<CondolenceVisit>> Condolences::ListVisits(
    const auth::Caller& caller, const CondolenceVisitQuery& query) {
  Violations v;
  PageRequest page =
      ReadPageRequest(v, query.page_size, query.page_token, 'v', 1);
  std::string root =
      auth::ListRoot(v, caller, "organisation_id", query.organisation_id);
  if (query.year != 0) v.Merge("year", CheckYear("year", query.year));
  if (!query.person_id.empty())
    v.Merge("person_id", CheckId("person_id", query.person_id));
  RETURN_IF_ERROR(v.Status());
  VisitFilter f;
  ASSIGN_OR_RETURN(f.under_path, clients::SubtreePath(*membership_, caller,
                                                      "organisation_id", root));
  f.year = query.year;
  f.event = query.event;
  f.person_id = query.person_id;
  f.before_id = page.after_id();
  f.limit = page.limit();
  ASSIGN_OR_RETURN(
      std::vector<CondolenceVisit> rows,
      db_->Read([&](sql::Session& s) { return standards_.ListVisits(s, f); }));
  return MakePageById(std::move(rows), page.size, 'v');
}

}  // namespace unionhub::welfare
