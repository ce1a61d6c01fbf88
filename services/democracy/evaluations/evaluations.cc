#include "services/democracy/evaluations/evaluations.h"

#include "absl/strings/str_cat.h"
#include "libs/auth/visible.h"
#include "libs/base/errors.h"
#include "libs/base/ids.h"
#include "libs/base/status_macros.h"
#include "libs/base/text.h"
#include "libs/outbox/outbox.h"
#include "services/democracy/congress/congress.h"
#include "services/democracy/convert.h"

namespace unionhub::democracy {
namespace {

constexpr size_t kMaxTitle = 100;
constexpr size_t kMaxName = 50;
constexpr size_t kMaxLeaders = 50;

absl::Status RecordRound(sql::Session& s, const auth::Caller& caller,
                         const Clock& clock, const char* type,
                         const EvaluationRound& r) {
  v1::EvaluationRound payload = ToProto(r);
  return outbox::Record(s, caller, clock,
                        {type, r.id, r.organisation_path, &payload, ""});
}

}  // namespace

absl::StatusOr<EvaluationRound> Evaluations::VisibleRound(
    sql::Session& s, const auth::Caller& caller, absl::string_view field,
    absl::string_view id) {
  return auth::FindVisible(
      caller, "evaluation round", field, id,
      &EvaluationRound::organisation_path,
      [&](absl::string_view id) { return store_.Find(s, id); });
}

absl::StatusOr<EvaluationRound> Evaluations::Create(
    const auth::Caller& caller, const outbox::RequestKey& idempotency,
    const NewEvaluationRound& request) {
  const NewEvaluationRound& n = request;
  Violations v;
  v.Merge("request_id", outbox::CheckRequestId(idempotency.request_id));
  v.Merge("round.session_id", CheckId("round.session_id", n.session_id));
  v.Merge("round.title",
          CheckText("round.title", n.title, kMaxTitle, Required::kYes));
  if (n.leaders.empty() || n.leaders.size() > kMaxLeaders) {
    v.Add("round.leaders",
          absl::StrCat("must name 1 to ", kMaxLeaders, " leaders"));
  }
  for (size_t i = 0; i < n.leaders.size() && i < kMaxLeaders; ++i) {
    std::string at = absl::StrCat("round.leaders[", i, "]");
    v.Merge(at + ".name", CheckText(at + ".name", n.leaders[i].name, kMaxName,
                                    Required::kYes));
    v.Merge(at + ".post", CheckText(at + ".post", n.leaders[i].post, kMaxName,
                                    Required::kNo));
  }
  RETURN_IF_ERROR(v.Status());
  return db_->Write([&](sql::Session& s) -> absl::StatusOr<EvaluationRound> {
    return outbox::Once(
        s, caller, idempotency, *clock_,
        [&]() -> absl::StatusOr<EvaluationRound> {
          ASSIGN_OR_RETURN(CongressSession c,
                           VisibleSession(congress_, s, caller,
                                          "round.session_id", n.session_id));
          if (c.status == SessionStatus::kClosed) {
            return absl::FailedPreconditionError("the session is closed");
          }
          EvaluationRound r;
          r.id = NewId();
          r.session_id = c.id;
          r.term_id = c.term_id;
          r.organisation_id = c.organisation_id;
          r.organisation_path = c.organisation_path;
          r.title = n.title;
          r.leaders = n.leaders;
          r.status = EvaluationRoundStatus::kOpen;
          r.create_time = clock_->Now();
          RETURN_IF_ERROR(store_.Insert(s, r));
          RETURN_IF_ERROR(RecordRound(s, caller, *clock_,
                                      "democracy.evaluation_round.opened", r));
          return r;
        },
        [](const EvaluationRound& made) { return made.id; },
        [&](const std::string& id) {
          return VisibleRound(s, caller, "id", id);
        });
  });
}

absl::StatusOr<EvaluationRound> Evaluations::Get(const auth::Caller& caller,
                                                 absl::string_view id) {
  return db_->Read(
      [&](sql::Session& s) { return VisibleRound(s, caller, "id", id); });
}

absl::StatusOr<Page<EvaluationRound>> Evaluations::List(
    const auth::Caller& caller, absl::string_view session_id, int page_size,
    absl::string_view page_token) {
  Violations v;
  PageRequest page = ReadPageRequest(v, page_size, page_token, 'e', 1);
  v.Merge("session_id", CheckId("session_id", session_id));
  RETURN_IF_ERROR(v.Status());
  ASSIGN_OR_RETURN(
      std::vector<EvaluationRound> rows,
      db_->Read(
          [&](sql::Session& s) -> absl::StatusOr<std::vector<EvaluationRound>> {
            RETURN_IF_ERROR(
                VisibleSession(congress_, s, caller, "session_id", session_id)
                    .status());
            return store_.List(s, session_id, page.after_id(), page.limit());
          }));
  return MakePageById(std::move(rows), page.size, 'e');
}

absl::StatusOr<int> Evaluations::Cast(
    const auth::Caller& caller, absl::string_view round_id,
    absl::string_view representative_id,
    const std::vector<EvaluationRating>& ratings) {
  Violations v;
  v.Merge("round_id", CheckId("round_id", round_id));
  v.Merge("representative_id", CheckId("representative_id", representative_id));
  for (size_t i = 0; i < ratings.size(); ++i) {
    if (ratings[i] == EvaluationRating::kUnspecified)
      v.Add(absl::StrCat("ratings[", i, "]"), "is required");
  }
  RETURN_IF_ERROR(v.Status());
  return db_->Write([&](sql::Session& s) -> absl::StatusOr<int> {
    ASSIGN_OR_RETURN(EvaluationRound r,
                     VisibleRound(s, caller, "round_id", round_id));
    if (r.status != EvaluationRoundStatus::kOpen)
      return absl::FailedPreconditionError("the round is closed");
    if (ratings.size() != r.leaders.size()) {
      return InvalidField(
          "ratings", absl::StrCat("must rate each of the round's ",
                                  r.leaders.size(), " leaders once, in order"));
    }
    ASSIGN_OR_RETURN(std::optional<Representative> voter,
                     representatives_.Find(s, representative_id));
    if (!voter || voter->term_id != r.term_id || !voter->seated()) {
      return InvalidField("representative_id",
                          "is not a seated representative of the term");
    }
    absl::Status marked = store_.MarkVoted(s, r.id, representative_id);
    if (marked.code() == absl::StatusCode::kAlreadyExists) {
      return absl::AlreadyExistsError(
          "the representative's ballot is in already");
    }
    RETURN_IF_ERROR(marked);
    RETURN_IF_ERROR(store_.Count(s, r.id, ratings));
    // The event and audit entry say that a ballot came in, not whose nor
    // what it said.
    v1::CastEvaluationBallotResponse payload;
    payload.set_ballots(r.ballots + 1);
    RETURN_IF_ERROR(outbox::Record(s, caller, *clock_,
                                   {"democracy.evaluation_round.ballot_cast",
                                    r.id, r.organisation_path, &payload, ""}));
    return r.ballots + 1;
  });
}

absl::StatusOr<EvaluationRound> Evaluations::Close(const auth::Caller& caller,
                                                   absl::string_view id) {
  return db_->Write([&](sql::Session& s) -> absl::StatusOr<EvaluationRound> {
    ASSIGN_OR_RETURN(EvaluationRound r, VisibleRound(s, caller, "id", id));
    if (r.status != EvaluationRoundStatus::kOpen)
      return absl::FailedPreconditionError("the round is closed already");
    ASSIGN_OR_RETURN(
        int64_t seated,
        representatives_.Count(s, r.term_id, RepresentativeStatus::kQualified));
    r.status = EvaluationRoundStatus::kClosed;
    r.eligible = static_cast<int>(seated);
    r.close_time = clock_->Now();
    RETURN_IF_ERROR(store_.Close(s, r));
    RETURN_IF_ERROR(RecordRound(s, caller, *clock_,
                                "democracy.evaluation_round.closed", r));
    return r;
  });
}

absl::StatusOr<std::pair<EvaluationRound, std::vector<LeaderResult>>>
Evaluations::Results(const auth::Caller& caller, absl::string_view round_id) {
  using Result = std::pair<EvaluationRound, std::vector<LeaderResult>>;
  return db_->Read([&](sql::Session& s) -> absl::StatusOr<Result> {
    ASSIGN_OR_RETURN(EvaluationRound r,
                     VisibleRound(s, caller, "round_id", round_id));
    if (r.status != EvaluationRoundStatus::kClosed) {
      return absl::FailedPreconditionError(
          "results are readable once the round is closed");
    }
    ASSIGN_OR_RETURN(std::vector<LeaderResult> results, store_.Results(s, r));
    return Result{r, std::move(results)};
  });
}

}  // namespace unionhub::democracy
