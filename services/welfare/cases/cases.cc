#include "services/welfare/cases/cases.h"

#include "absl/strings/str_cat.h"
#include "libs/auth/visible.h"
#include "libs/base/errors.h"
#include "libs/base/ids.h"
#include "libs/base/status_macros.h"
#include "libs/base/text.h"
#include "libs/clients/subtree.h"
#include "libs/outbox/outbox.h"
#include "services/welfare/convert.h"

namespace unionhub::welfare {
namespace {

constexpr size_t kMaxSummary = 500;
constexpr size_t kMaxAssignee = 50;
constexpr size_t kMaxReason = 200;

absl::Status Resolved(const Case& c) {
  if (c.status == CaseStatus::kResolved)
    return absl::FailedPreconditionError("the case is resolved already");
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<Case> Cases::Visible(sql::Session& s, const auth::Caller& caller,
                                    absl::string_view id) {
  RETURN_IF_ERROR(CheckId("id", id));
  ASSIGN_OR_RETURN(std::optional<Case> c, cases_.Find(s, id));
  // The union handling it, and the one that received it, see it.
  if (!c || !(caller.Covers(c->organisation_path) ||
              caller.Covers(c->received_by_path))) {
    return absl::NotFoundError(absl::StrCat("case ", id, " not found"));
  }
  return *std::move(c);
}

absl::StatusOr<absl::CivilDay> Cases::DueDate(sql::Session& s,
                                              absl::string_view path,
                                              absl::CivilDay from) {
  ASSIGN_OR_RETURN(std::optional<int> days,
                   cases_.PromiseDays(s, clients::PathIds(path)));
  return from + days.value_or(kDefaultPromiseDays);
}

absl::StatusOr<Case> Cases::Create(const auth::Caller& caller,
                                   const outbox::RequestKey& idempotency,
                                   const NewCase& request) {
  const NewCase& n = request;
  Violations v;
  v.Merge("request_id", outbox::CheckRequestId(idempotency.request_id));
  std::string org_id =
      auth::ListRoot(v, caller, "case.organisation_id", n.organisation_id);
  if (n.kind == CaseKind::kUnspecified) v.Add("case.kind", "is required");
  if (n.channel == CaseChannel::kUnspecified)
    v.Add("case.channel", "is required");
  if (n.category == CaseCategory::kUnspecified)
    v.Add("case.category", "is required");
  if (!n.person_id.empty())
    v.Merge("case.person_id", CheckId("case.person_id", n.person_id));
  v.Merge("case.summary",
          CheckText("case.summary", n.summary, kMaxSummary, Required::kYes));
  auto received =
      ParsePastDate("case.received_date", n.received_date, clock_->Today());
  v.Merge("case.received_date", received.status());
  RETURN_IF_ERROR(v.Status());
  ASSIGN_OR_RETURN(std::string path,
                   clients::SubtreePath(*membership_, caller,
                                        "case.organisation_id", org_id));
  if (!n.person_id.empty()) {
    // A member complainant must be one the union may see.
    RETURN_IF_ERROR(
        membership_->Memberships(caller, "case.person_id", n.person_id)
            .status());
  }
  return db_->Write([&](sql::Session& s) -> absl::StatusOr<Case> {
    return outbox::Once(
        s, caller, idempotency, *clock_,
        [&]() -> absl::StatusOr<Case> {
          Case c;
          c.id = NewId();
          c.organisation_id = c.received_by_organisation_id = org_id;
          c.organisation_path = c.received_by_path = path;
          c.kind = n.kind;
          c.channel = n.channel;
          c.category = n.category;
          c.person_id = n.person_id;
          c.summary = n.summary;
          c.received_date = *received;
          ASSIGN_OR_RETURN(c.due_date, DueDate(s, path, *received));
          c.status = CaseStatus::kOpen;
          c.create_time = c.update_time = clock_->Now();
          c.etag = NewId();
          RETURN_IF_ERROR(cases_.Insert(s, c));
          v1::Case payload = ToProto(c);
          RETURN_IF_ERROR(outbox::Record(s, caller, *clock_,
                                         {"welfare.case.received", c.id,
                                          c.organisation_path, &payload, ""}));
          return c;
        },
        [](const Case& made) { return made.id; },
        [&](const std::string& id) { return Visible(s, caller, id); });
  });
}

absl::StatusOr<Case> Cases::Get(const auth::Caller& caller,
                                absl::string_view id) {
  return db_->Read([&](sql::Session& s) { return Visible(s, caller, id); });
}

absl::StatusOr<Page<Case>> Cases::List(const auth::Caller& caller,
                                       const CaseQuery& query) {
  Violations v;
  PageRequest page =
      ReadPageRequest(v, query.page_size, query.page_token, 'w', 1);
  std::string root =
      auth::ListRoot(v, caller, "organisation_id", query.organisation_id);
  RETURN_IF_ERROR(v.Status());
  CaseFilter f;
  ASSIGN_OR_RETURN(f.under_path, clients::SubtreePath(*membership_, caller,
                                                      "organisation_id", root));
  f.kind = query.kind;
  f.status = query.status;
  if (query.only_overdue) f.due_before = clock_->Today();
  f.before_id = page.after_id();
  f.limit = page.limit();
  ASSIGN_OR_RETURN(std::vector<Case> rows, db_->Read([&](sql::Session& s) {
    return cases_.List(s, f);
  }));
  return MakePageById(std::move(rows), page.size, 'w');
}

absl::StatusOr<Case> Cases::Change(const auth::Caller& caller,
                                   absl::string_view id, absl::string_view etag,
                                   absl::string_view event,
                                   absl::string_view detail, ChangeFn change) {
  return db_->Write([&](sql::Session& s) -> absl::StatusOr<Case> {
    ASSIGN_OR_RETURN(Case c, Visible(s, caller, id));
    if (!caller.Covers(c.organisation_path)) {
      return absl::PermissionDeniedError(
          "the case is handled by the union above now");
    }
    RETURN_IF_ERROR(CheckEtag(etag, c.etag));
    const std::string from_path = c.organisation_path;
    RETURN_IF_ERROR(change(s, c));
    c.update_time = clock_->Now();
    c.etag = NewId();
    RETURN_IF_ERROR(cases_.Update(s, c));
    v1::Case payload = ToProto(c);
    RETURN_IF_ERROR(outbox::Record(s, caller, *clock_,
                                   {absl::StrCat("welfare.case.", event), c.id,
                                    from_path, &payload, std::string(detail)}));
    return c;
  });
}

absl::StatusOr<Case> Cases::Assign(const auth::Caller& caller,
                                   absl::string_view id,
                                   absl::string_view assignee,
                                   absl::string_view etag) {
  RETURN_IF_ERROR(
      CheckText("assignee", assignee, kMaxAssignee, Required::kYes));
  return Change(caller, id, etag, "assigned", "",
                [&](sql::Session&, Case& c) -> absl::Status {
                  RETURN_IF_ERROR(Resolved(c));
                  c.status = CaseStatus::kAssigned;
                  c.assignee = std::string(assignee);
                  return absl::OkStatus();
                });
}

absl::StatusOr<Case> Cases::Escalate(const auth::Caller& caller,
                                     absl::string_view id,
                                     absl::string_view reason,
                                     absl::string_view etag) {
  RETURN_IF_ERROR(CheckText("reason", reason, kMaxReason, Required::kYes));
  const absl::CivilDay today = clock_->Today();
  return Change(
      caller, id, etag, "escalated", reason,
      [&](sql::Session& s, Case& c) -> absl::Status {
        RETURN_IF_ERROR(Resolved(c));
        std::vector<std::string> ids = clients::PathIds(c.organisation_path);
        if (ids.size() < 2) {
          return absl::FailedPreconditionError(
              "the root federation has no union above it");
        }
        c.organisation_id = ids[ids.size() - 2];
        c.organisation_path = c.organisation_path.substr(
            0, c.organisation_path.size() - ids.back().size() - 1);
        c.status = CaseStatus::kOpen;
        c.assignee.clear();
        ++c.escalations;
        ASSIGN_OR_RETURN(c.due_date, DueDate(s, c.organisation_path, today));
        return absl::OkStatus();
      });
}

absl::StatusOr<Case> Cases::Resolve(const auth::Caller& caller,
                                    absl::string_view id,
                                    absl::string_view outcome,
                                    int64_t money_recovered_fen,
                                    absl::string_view resolved_date,
                                    absl::string_view etag) {
  Violations v;
  v.Merge("outcome",
          CheckText("outcome", outcome, kMaxSummary, Required::kYes));
  if (money_recovered_fen < 0 || money_recovered_fen > kMaxAmountFen)
    v.Add("money_recovered_fen", "must be 0 or more");
  auto date = ParsePastDate("resolved_date", resolved_date, clock_->Today());
  v.Merge("resolved_date", date.status());
  RETURN_IF_ERROR(v.Status());
  return Change(caller, id, etag, "resolved", "",
                [&](sql::Session&, Case& c) -> absl::Status {
                  RETURN_IF_ERROR(Resolved(c));
                  if (*date < c.received_date) {
                    return InvalidField("resolved_date",
                                        "is before the case was received");
                  }
                  c.status = CaseStatus::kResolved;
                  c.outcome = std::string(outcome);
                  c.money_recovered_fen = money_recovered_fen;
                  c.resolved_date = *date;
                  return absl::OkStatus();
                });
}

absl::StatusOr<Case> Cases::Rate(const auth::Caller& caller,
                                 absl::string_view id,
                                 CaseSatisfaction satisfaction,
                                 absl::string_view etag) {
  if (satisfaction == CaseSatisfaction::kUnspecified)
    return InvalidField("satisfaction", "is required");
  return Change(
      caller, id, etag, "rated", "",
      [&](sql::Session&, Case& c) -> absl::Status {
        if (c.status != CaseStatus::kResolved) {
          return absl::FailedPreconditionError("only a resolved case is rated");
        }
        if (c.satisfaction != CaseSatisfaction::kUnspecified)
          return absl::FailedPreconditionError("rated already");
        c.satisfaction = satisfaction;
        return absl::OkStatus();
      });
}

absl::StatusOr<int> Cases::SetPromise(const auth::Caller& caller,
                                      absl::string_view organisation_id,
                                      int days) {
  Violations v;
  std::string org =
      auth::ListRoot(v, caller, "organisation_id", organisation_id);
  if (days < 1 || days > 60) v.Add("promise_days", "must be 1 to 60 days");
  RETURN_IF_ERROR(v.Status());
  ASSIGN_OR_RETURN(
      std::string path,
      clients::SubtreePath(*membership_, caller, "organisation_id", org));
  RETURN_IF_ERROR(db_->Write([&](sql::Session& s) -> absl::Status {
    RETURN_IF_ERROR(cases_.SetPromise(s, org, days, clock_->Now()));
    return outbox::Record(s, caller, *clock_,
                          {"welfare.case_promise.set", org, path, nullptr,
                           absl::StrCat(days, " days")});
  }));
  return days;
}

}  // namespace unionhub::welfare
