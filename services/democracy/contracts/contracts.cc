#include "services/democracy/contracts/contracts.h"

#include "absl/strings/str_cat.h"
#include "libs/auth/visible.h"
#include "libs/base/errors.h"
#include "libs/base/ids.h"
#include "libs/base/status_macros.h"
#include "libs/base/text.h"
#include "libs/clients/subtree.h"
#include "libs/outbox/outbox.h"
#include "services/democracy/convert.h"

namespace unionhub::democracy {
namespace {

constexpr size_t kMaxText = 100;
constexpr int kMaxTermYears = 5;
constexpr int kMaxWorkers = 10'000'000;
constexpr int kMaxWithinDays = 366;
constexpr int kMaxExpiring = 500;

// The terms' dates, checked into `v` under `prefix`.
struct Term {
  absl::CivilDay start, end;
};
std::optional<Term> CheckTerms(Violations& v, const std::string& prefix,
                               const ContractTerms& t) {
  v.Merge(prefix + "title",
          CheckText(prefix + "title", t.title, kMaxText, Required::kYes));
  if (t.workers_covered <= 0 || t.workers_covered > kMaxWorkers)
    v.Add(prefix + "workers_covered", "must be more than 0");
  auto start = ParseDate(prefix + "start_date", t.start_date);
  auto end = ParseDate(prefix + "end_date", t.end_date);
  v.Merge(prefix + "start_date", start.status());
  v.Merge(prefix + "end_date", end.status());
  if (!start.ok() || !end.ok()) return std::nullopt;
  if (*end <= *start || *end >= YearsAfter(*start, kMaxTermYears)) {
    v.Add(prefix + "end_date", absl::StrCat("must be after start_date, within ",
                                            kMaxTermYears, " years"));
    return std::nullopt;
  }
  return Term{*start, *end};
}

absl::Status RecordContract(sql::Session& s, const auth::Caller& caller,
                            const Clock& clock, const char* type,
                            const CollectiveContract& c) {
  v1::CollectiveContract payload = ToProto(c, clock.Today());
  return outbox::Record(s, caller, clock,
                        {type, c.id, c.organisation_path, &payload, ""});
}

}  // namespace

absl::StatusOr<CollectiveContract> Contracts::VisibleContract(
    sql::Session& s, const auth::Caller& caller, absl::string_view field,
    absl::string_view id) {
  return auth::FindVisible(
      caller, "collective contract", field, id,
      &CollectiveContract::organisation_path,
      [&](absl::string_view id) { return store_.Find(s, id); });
}

absl::StatusOr<CollectiveContract> Contracts::Create(
    const auth::Caller& caller, const outbox::RequestKey& idempotency,
    const NewContract& request) {
  const NewContract& n = request;
  Violations v;
  v.Merge("request_id", outbox::CheckRequestId(idempotency.request_id));
  v.Merge("contract.organisation_id",
          CheckId("contract.organisation_id", n.organisation_id));
  if (n.kind == ContractKind::kUnspecified)
    v.Add("contract.kind", "is required");
  v.Merge("contract.employer",
          CheckText("contract.employer", n.employer, kMaxText, Required::kYes));
  std::optional<Term> term = CheckTerms(v, "contract.", n.terms);
  RETURN_IF_ERROR(v.Status());
  ASSIGN_OR_RETURN(clients::OrganisationRef org,
                   membership_->GetOrganisation(
                       caller, "contract.organisation_id", n.organisation_id));
  return db_->Write([&](sql::Session& s) -> absl::StatusOr<CollectiveContract> {
    return outbox::Once(
        s, caller, idempotency, *clock_,
        [&]() -> absl::StatusOr<CollectiveContract> {
          CollectiveContract c;
          c.id = NewId();
          c.organisation_id = org.id;
          c.organisation_path = org.path;
          c.kind = n.kind;
          c.title = n.terms.title;
          c.employer = n.employer;
          c.start_date = term->start;
          c.end_date = term->end;
          c.workers_covered = n.terms.workers_covered;
          c.status = ContractStatus::kDraft;
          c.create_time = clock_->Now();
          c.etag = NewId();
          RETURN_IF_ERROR(store_.Insert(s, c));
          RETURN_IF_ERROR(RecordContract(
              s, caller, *clock_, "democracy.collective_contract.drafted", c));
          return c;
        },
        [](const CollectiveContract& made) { return made.id; },
        [&](const std::string& id) {
          return VisibleContract(s, caller, "id", id);
        });
  });
}

absl::StatusOr<CollectiveContract> Contracts::Get(const auth::Caller& caller,
                                                  absl::string_view id) {
  return db_->Read(
      [&](sql::Session& s) { return VisibleContract(s, caller, "id", id); });
}

absl::StatusOr<Page<CollectiveContract>> Contracts::List(
    const auth::Caller& caller, absl::string_view organisation_id,
    ContractKind kind, bool only_in_force, int page_size,
    absl::string_view page_token) {
  Violations v;
  PageRequest page = ReadPageRequest(v, page_size, page_token, 'c', 1);
  std::string root =
      auth::ListRoot(v, caller, "organisation_id", organisation_id);
  RETURN_IF_ERROR(v.Status());
  ASSIGN_OR_RETURN(
      std::string path,
      clients::SubtreePath(*membership_, caller, "organisation_id", root));
  std::optional<absl::CivilDay> in_force_on;
  if (only_in_force) in_force_on = clock_->Today();
  ASSIGN_OR_RETURN(std::vector<CollectiveContract> rows,
                   db_->Read([&](sql::Session& s) {
                     return store_.List(s, path, kind, in_force_on,
                                        page.after_id(), page.limit());
                   }));
  return MakePageById(std::move(rows), page.size, 'c');
}

absl::StatusOr<CollectiveContract> Contracts::Approve(
    const auth::Caller& caller, absl::string_view id, absl::string_view vote_id,
    absl::string_view etag) {
  RETURN_IF_ERROR(CheckId("vote_id", vote_id));
  return db_->Write([&](sql::Session& s) -> absl::StatusOr<CollectiveContract> {
    ASSIGN_OR_RETURN(CollectiveContract c,
                     VisibleContract(s, caller, "id", id));
    RETURN_IF_ERROR(CheckEtag(etag, c.etag));
    if (c.status != ContractStatus::kDraft)
      return absl::FailedPreconditionError("the contract is approved already");
    ASSIGN_OR_RETURN(
        Vote vote,
        auth::FindVisible(
            caller, "vote", "vote_id", vote_id, &Vote::organisation_path,
            [&](absl::string_view id) { return meetings_.FindVote(s, id); }));
    if (vote.organisation_id != c.organisation_id) {
      return InvalidField("vote_id", "is a vote of another union's congress");
    }
    ASSIGN_OR_RETURN(AgendaItem item, outbox::MadeEarlier(meetings_.FindItem(
                                          s, vote.agenda_item_id)));
    if (item.kind != AgendaItemKind::kCollectiveContract) {
      return InvalidField("vote_id", "is not a vote on a collective contract");
    }
    if (vote.status != VoteStatus::kClosed ||
        vote.outcome != VoteOutcome::kPassed) {
      return absl::FailedPreconditionError("the vote is not closed and passed");
    }
    c.status = ContractStatus::kApproved;
    c.approval_vote_id = vote.id;
    c.approved_date = absl::ToCivilDay(*vote.close_time, BeijingTime());
    c.etag = NewId();
    RETURN_IF_ERROR(store_.Update(s, c));
    RETURN_IF_ERROR(RecordContract(
        s, caller, *clock_, "democracy.collective_contract.approved", c));
    return c;
  });
}

absl::StatusOr<std::pair<CollectiveContract, CollectiveContract>>
Contracts::Renew(const auth::Caller& caller,
                 const outbox::RequestKey& idempotency, absl::string_view id,
                 const ContractTerms& renewal) {
  Violations v;
  v.Merge("request_id", outbox::CheckRequestId(idempotency.request_id));
  v.Merge("id", CheckId("id", id));
  std::optional<Term> term = CheckTerms(v, "renewal.", renewal);
  RETURN_IF_ERROR(v.Status());
  using Renewed = std::pair<CollectiveContract, CollectiveContract>;
  return db_->Write([&](sql::Session& s) -> absl::StatusOr<Renewed> {
    return outbox::Once(
        s, caller, idempotency, *clock_,
        [&]() -> absl::StatusOr<Renewed> {
          ASSIGN_OR_RETURN(CollectiveContract old,
                           VisibleContract(s, caller, "id", id));
          if (old.status != ContractStatus::kApproved)
            return absl::FailedPreconditionError(
                "only an approved contract is renewed");
          if (!old.renewed_by_id.empty())
            return absl::FailedPreconditionError(
                "the contract is renewed already");
          if (term->start <= old.start_date) {
            return InvalidField("renewal.start_date",
                                "is not after the renewed contract's start");
          }
          CollectiveContract c = old;
          c.id = NewId();
          c.title = renewal.title;
          c.start_date = term->start;
          c.end_date = term->end;
          c.workers_covered = renewal.workers_covered;
          c.status = ContractStatus::kDraft;
          c.approval_vote_id.clear();
          c.approved_date.reset();
          c.previous_contract_id = old.id;
          c.renewed_by_id.clear();
          c.create_time = clock_->Now();
          c.etag = NewId();
          RETURN_IF_ERROR(store_.Insert(s, c));
          old.renewed_by_id = c.id;
          old.etag = NewId();
          RETURN_IF_ERROR(store_.Update(s, old));
          RETURN_IF_ERROR(RecordContract(
              s, caller, *clock_, "democracy.collective_contract.renewed", c));
          return Renewed{c, old};
        },
        [](const Renewed& made) { return made.first.id; },
        [&](const std::string& new_id) -> absl::StatusOr<Renewed> {
          ASSIGN_OR_RETURN(CollectiveContract c,
                           VisibleContract(s, caller, "id", new_id));
          ASSIGN_OR_RETURN(
              CollectiveContract old,
              VisibleContract(s, caller, "id", c.previous_contract_id));
          return Renewed{c, old};
        });
  });
}

absl::StatusOr<std::vector<CollectiveContract>> Contracts::Expiring(
    const auth::Caller& caller, absl::string_view organisation_id,
    int within_days) {
  Violations v;
  std::string root =
      auth::ListRoot(v, caller, "organisation_id", organisation_id);
  if (within_days < 1 || within_days > kMaxWithinDays)
    v.Add("within_days", absl::StrCat("must be 1 to ", kMaxWithinDays));
  RETURN_IF_ERROR(v.Status());
  ASSIGN_OR_RETURN(
      std::string path,
      clients::SubtreePath(*membership_, caller, "organisation_id", root));
  const absl::CivilDay today = clock_->Today();
  return db_->Read([&](sql::Session& s) {
    return store_.Ending(s, path, today, today + within_days, kMaxExpiring);
  });
}

}  // namespace unionhub::democracy
