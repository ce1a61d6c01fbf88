#include "services/democracy/evaluations/evaluation_store.h"

#include "absl/strings/str_cat.h"
#include "libs/base/clock.h"
#include "libs/base/status_macros.h"
#include "libs/sql/values.h"

namespace unionhub::democracy {
namespace {

constexpr char kColumns[] =
    "id, session_id, term_id, organisation_id, organisation_path, title, "
    "status, eligible, create_time, close_time";

absl::StatusOr<EvaluationRound> Read(sql::Statement& st) {
  EvaluationRound r;
  r.id = st.Text(0);
  r.session_id = st.Text(1);
  r.term_id = st.Text(2);
  r.organisation_id = st.Text(3);
  r.organisation_path = st.Text(4);
  r.title = st.Text(5);
  r.status = static_cast<EvaluationRoundStatus>(st.Int(6));
  r.eligible = static_cast<int>(st.Int(7));
  ASSIGN_OR_RETURN(r.create_time, st.Timestamp(8));
  if (!st.IsNull(9)) {
    ASSIGN_OR_RETURN(r.close_time, st.Timestamp(9));
  }
  return r;
}

constexpr int kRatings = static_cast<int>(EvaluationRating::kIncompetent);

// Leaders and ballot count of `r`.
absl::Status Complete(sql::Session& s, EvaluationRound& r) {
  {
    ASSIGN_OR_RETURN(sql::Statement * st,
                     s.Query("SELECT name, post FROM evaluation_leaders WHERE "
                             "round_id = ? ORDER BY position",
                             r.id));
    ASSIGN_OR_RETURN(
        r.leaders,
        sql::ReadRows<EvaluatedLeader>(
            *st, [](sql::Statement& st) -> absl::StatusOr<EvaluatedLeader> {
              return EvaluatedLeader{st.Text(0), st.Text(1)};
            }));
  }
  ASSIGN_OR_RETURN(
      sql::Statement * st,
      s.Query("SELECT COUNT(*) FROM evaluation_voters WHERE round_id = ?",
              r.id));
  ASSIGN_OR_RETURN(bool row, st->Step());
  r.ballots = row ? static_cast<int>(st->Int(0)) : 0;
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::optional<EvaluationRound>> EvaluationStore::Find(
    sql::Session& s, absl::string_view id) {
  std::optional<EvaluationRound> found;
  {
    ASSIGN_OR_RETURN(
        sql::Statement * st,
        s.Query(absl::StrCat("SELECT ", kColumns,
                             " FROM evaluation_rounds WHERE id = ?"),
                id));
    ASSIGN_OR_RETURN(found, sql::ReadOne(*st, Read));
  }
  if (found) RETURN_IF_ERROR(Complete(s, *found));
  return found;
}

absl::Status EvaluationStore::Insert(sql::Session& s,
                                     const EvaluationRound& r) {
  RETURN_IF_ERROR(
      s.Execute(absl::StrCat("INSERT INTO evaluation_rounds (", kColumns,
                             ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                r.id, r.session_id, r.term_id, r.organisation_id,
                r.organisation_path, r.title, static_cast<int>(r.status),
                r.eligible, FormatTimestamp(r.create_time),
                sql::TimeOrNull(r.close_time))
          .status());
  for (size_t i = 0; i < r.leaders.size(); ++i) {
    const int position = static_cast<int>(i) + 1;
    RETURN_IF_ERROR(s.Execute("INSERT INTO evaluation_leaders (round_id, "
                              "position, name, post) VALUES (?, ?, ?, ?)",
                              r.id, position, r.leaders[i].name,
                              r.leaders[i].post)
                        .status());
    for (int rating = 1; rating <= kRatings; ++rating) {
      RETURN_IF_ERROR(s.Execute("INSERT INTO evaluation_tallies (round_id, "
                                "position, rating, ballots) VALUES (?, ?, ?, "
                                "0)",
                                r.id, position, rating)
                          .status());
    }
  }
  return absl::OkStatus();
}

absl::Status EvaluationStore::Close(sql::Session& s, const EvaluationRound& r) {
  return s
      .Execute(
          "UPDATE evaluation_rounds SET status = ?, eligible = ?, close_time "
          "= ? WHERE id = ?",
          static_cast<int>(r.status), r.eligible, sql::TimeOrNull(r.close_time),
          r.id)
      .status();
}

absl::StatusOr<std::vector<EvaluationRound>> EvaluationStore::List(
    sql::Session& s, absl::string_view session_id, absl::string_view after_id,
    int limit) {
  std::vector<EvaluationRound> rounds;
  {
    ASSIGN_OR_RETURN(
        sql::Statement * st,
        s.Query(absl::StrCat("SELECT ", kColumns,
                             " FROM evaluation_rounds WHERE session_id = ? "
                             "AND id > ? ORDER BY id LIMIT ?"),
                session_id, after_id, limit));
    ASSIGN_OR_RETURN(rounds, sql::ReadRows<EvaluationRound>(*st, Read));
  }
  for (EvaluationRound& r : rounds) RETURN_IF_ERROR(Complete(s, r));
  return rounds;
}

absl::Status EvaluationStore::MarkVoted(sql::Session& s,
                                        absl::string_view round_id,
                                        absl::string_view representative_id) {
  return s
      .Execute(
          "INSERT INTO evaluation_voters (round_id, representative_id) "
          "VALUES (?, ?)",
          round_id, representative_id)
      .status();
}

absl::Status EvaluationStore::Count(
    sql::Session& s, absl::string_view round_id,
    const std::vector<EvaluationRating>& ratings) {
  for (size_t i = 0; i < ratings.size(); ++i) {
    RETURN_IF_ERROR(s.Execute("UPDATE evaluation_tallies SET ballots = "
                              "ballots + 1 WHERE round_id = ? AND position = "
                              "? AND rating = ?",
                              round_id, static_cast<int>(i) + 1,
                              static_cast<int>(ratings[i]))
                        .status());
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<LeaderResult>> EvaluationStore::Results(
    sql::Session& s, const EvaluationRound& r) {
  std::vector<LeaderResult> out(r.leaders.size());
  for (size_t i = 0; i < r.leaders.size(); ++i) out[i].leader = r.leaders[i];
  ASSIGN_OR_RETURN(sql::Statement * st,
                   s.Query("SELECT position, rating, ballots FROM "
                           "evaluation_tallies WHERE round_id = ?",
                           r.id));
  while (true) {
    ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    int64_t position = st->Int(0), rating = st->Int(1);
    if (position < 1 || position > static_cast<int64_t>(out.size()) ||
        rating < 1 || rating > kRatings) {
      return absl::DataLossError("a stored evaluation count is out of range");
    }
    out[position - 1].counts[rating] = static_cast<int>(st->Int(2));
  }
  return out;
}

}  // namespace unionhub::democracy
