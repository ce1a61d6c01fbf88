#include "services/democracy/congress/congress_store.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "libs/base/clock.h"
#include "libs/base/status_macros.h"
#include "libs/sql/values.h"

namespace unionhub::democracy {
namespace {

// "measure,group,bound,basis_points" per rule, ";" between rules.
std::string EncodeRules(const std::vector<CompositionRule>& rules) {
  return absl::StrJoin(
      rules, ";", [](std::string* out, const CompositionRule& r) {
        absl::StrAppend(out, static_cast<int>(r.measure), ",",
                        static_cast<int>(r.group), ",",
                        static_cast<int>(r.bound), ",", r.share_basis_points);
      });
}

absl::StatusOr<std::vector<CompositionRule>> DecodeRules(
    absl::string_view text) {
  std::vector<CompositionRule> rules;
  for (absl::string_view rule : absl::StrSplit(text, ';', absl::SkipEmpty())) {
    std::vector<absl::string_view> parts = absl::StrSplit(rule, ',');
    int n[4];
    if (parts.size() != 4 || !absl::SimpleAtoi(parts[0], &n[0]) ||
        !absl::SimpleAtoi(parts[1], &n[1]) ||
        !absl::SimpleAtoi(parts[2], &n[2]) ||
        !absl::SimpleAtoi(parts[3], &n[3])) {
      return absl::DataLossError("a stored composition rule is unreadable");
    }
    rules.push_back({static_cast<CompositionMeasure>(n[0]),
                     static_cast<RepresentativeGroup>(n[1]),
                     static_cast<CompositionBound>(n[2]), n[3]});
  }
  return rules;
}

constexpr char kTermColumns[] =
    "id, organisation_id, organisation_path, kind, number, start_date, "
    "end_date, co_signers_required, composition_rules, "
    "qualification_review_date, qualification_review_report, create_time, "
    "etag";

absl::StatusOr<CongressTerm> ReadTerm(sql::Statement& st) {
  CongressTerm t;
  t.id = st.Text(0);
  t.organisation_id = st.Text(1);
  t.organisation_path = st.Text(2);
  t.kind = static_cast<CongressKind>(st.Int(3));
  t.number = static_cast<int>(st.Int(4));
  ASSIGN_OR_RETURN(t.start_date, st.Date(5));
  ASSIGN_OR_RETURN(t.end_date, st.Date(6));
  t.co_signers_required = static_cast<int>(st.Int(7));
  ASSIGN_OR_RETURN(t.composition_rules, DecodeRules(st.Text(8)));
  ASSIGN_OR_RETURN(t.qualification_review_date, st.OptionalDate(9));
  t.qualification_review_report = st.Text(10);
  ASSIGN_OR_RETURN(t.create_time, st.Timestamp(11));
  t.etag = st.Text(12);
  return t;
}

constexpr char kSessionColumns[] =
    "id, term_id, organisation_id, organisation_path, term_number, number, "
    "start_date, end_date, proposal_window_start_date, "
    "proposal_window_end_date, status, create_time, etag";

absl::StatusOr<CongressSession> ReadSession(sql::Statement& st) {
  CongressSession c;
  c.id = st.Text(0);
  c.term_id = st.Text(1);
  c.organisation_id = st.Text(2);
  c.organisation_path = st.Text(3);
  c.term_number = static_cast<int>(st.Int(4));
  c.number = static_cast<int>(st.Int(5));
  ASSIGN_OR_RETURN(c.start_date, st.Date(6));
  ASSIGN_OR_RETURN(c.end_date, st.Date(7));
  ASSIGN_OR_RETURN(c.proposal_window_start_date, st.OptionalDate(8));
  ASSIGN_OR_RETURN(c.proposal_window_end_date, st.OptionalDate(9));
  c.status = static_cast<SessionStatus>(st.Int(10));
  ASSIGN_OR_RETURN(c.create_time, st.Timestamp(11));
  c.etag = st.Text(12);
  return c;
}

}  // namespace

absl::StatusOr<std::optional<CongressTerm>> CongressStore::FindTerm(
    sql::Session& s, absl::string_view id) {
  ASSIGN_OR_RETURN(sql::Statement * st,
                   s.Query(absl::StrCat("SELECT ", kTermColumns,
                                        " FROM congress_terms WHERE id = ?"),
                           id));
  return sql::ReadOne(*st, ReadTerm);
}

absl::Status CongressStore::InsertTerm(sql::Session& s, const CongressTerm& t) {
  return s
      .Execute(absl::StrCat("INSERT INTO congress_terms (", kTermColumns,
                            ", sessions_numbered) VALUES (?, ?, ?, ?, ?, ?, ?, "
                            "?, ?, ?, ?, ?, ?, 0)"),
               t.id, t.organisation_id, t.organisation_path,
               static_cast<int>(t.kind), t.number, FormatDate(t.start_date),
               FormatDate(t.end_date), t.co_signers_required,
               EncodeRules(t.composition_rules),
               sql::DateOrNull(t.qualification_review_date),
               t.qualification_review_report, FormatTimestamp(t.create_time),
               t.etag)
      .status();
}

absl::Status CongressStore::UpdateTerm(sql::Session& s, const CongressTerm& t) {
  return s
      .Execute(
          "UPDATE congress_terms SET end_date = ?, co_signers_required = ?, "
          "composition_rules = ?, qualification_review_date = ?, "
          "qualification_review_report = ?, etag = ? WHERE id = ?",
          FormatDate(t.end_date), t.co_signers_required,
          EncodeRules(t.composition_rules),
          sql::DateOrNull(t.qualification_review_date),
          t.qualification_review_report, t.etag, t.id)
      .status();
}

absl::StatusOr<std::vector<CongressTerm>> CongressStore::ListTerms(
    sql::Session& s, absl::string_view under_path, absl::string_view before_id,
    int limit) {
  std::string sql = absl::StrCat("SELECT ", kTermColumns,
                                 " FROM congress_terms WHERE "
                                 "organisation_path LIKE ?");
  if (!before_id.empty()) sql += " AND id < ?";
  sql += " ORDER BY id DESC LIMIT ?";
  ASSIGN_OR_RETURN(sql::Statement * st, s.Prepare(sql));
  int i = 0;
  st->BindText(++i, absl::StrCat(under_path, "%"));
  if (!before_id.empty()) st->BindText(++i, before_id);
  st->BindInt(++i, limit);
  return sql::ReadRows<CongressTerm>(*st, ReadTerm);
}

absl::StatusOr<bool> CongressStore::Overlaps(sql::Session& s,
                                             const CongressTerm& t) {
  ASSIGN_OR_RETURN(
      sql::Statement * st,
      s.Query("SELECT COUNT(*) FROM congress_terms WHERE organisation_id = ? "
              "AND kind = ? AND id <> ? AND start_date <= ? AND end_date >= ?",
              t.organisation_id, static_cast<int>(t.kind), t.id,
              FormatDate(t.end_date), FormatDate(t.start_date)));
  ASSIGN_OR_RETURN(bool row, st->Step());
  return row && st->Int(0) > 0;
}

absl::StatusOr<int> CongressStore::NumberNextSession(
    sql::Session& s, absl::string_view term_id) {
  RETURN_IF_ERROR(s.Execute("UPDATE congress_terms SET sessions_numbered = "
                            "sessions_numbered + 1 WHERE id = ?",
                            term_id)
                      .status());
  ASSIGN_OR_RETURN(
      sql::Statement * st,
      s.Query("SELECT sessions_numbered FROM congress_terms WHERE id = ?",
              term_id));
  ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return absl::InternalError("the term went away");
  return static_cast<int>(st->Int(0));
}

absl::StatusOr<std::optional<CongressSession>> CongressStore::FindSession(
    sql::Session& s, absl::string_view id) {
  ASSIGN_OR_RETURN(sql::Statement * st,
                   s.Query(absl::StrCat("SELECT ", kSessionColumns,
                                        " FROM congress_sessions WHERE id = ?"),
                           id));
  return sql::ReadOne(*st, ReadSession);
}

absl::Status CongressStore::InsertSession(sql::Session& s,
                                          const CongressSession& c) {
  return s
      .Execute(
          absl::StrCat("INSERT INTO congress_sessions (", kSessionColumns,
                       ", agenda_items_placed) VALUES (?, ?, ?, ?, ?, ?, "
                       "?, ?, ?, ?, ?, ?, ?, 0)"),
          c.id, c.term_id, c.organisation_id, c.organisation_path,
          c.term_number, c.number, FormatDate(c.start_date),
          FormatDate(c.end_date), sql::DateOrNull(c.proposal_window_start_date),
          sql::DateOrNull(c.proposal_window_end_date),
          static_cast<int>(c.status), FormatTimestamp(c.create_time), c.etag)
      .status();
}

absl::Status CongressStore::UpdateSessionStatus(sql::Session& s,
                                                const CongressSession& c) {
  return s
      .Execute("UPDATE congress_sessions SET status = ?, etag = ? WHERE id = ?",
               static_cast<int>(c.status), c.etag, c.id)
      .status();
}

absl::StatusOr<std::vector<CongressSession>> CongressStore::ListSessions(
    sql::Session& s, absl::string_view term_id, int after_number, int limit) {
  ASSIGN_OR_RETURN(
      sql::Statement * st,
      s.Query(absl::StrCat("SELECT ", kSessionColumns,
                           " FROM congress_sessions WHERE term_id = ? AND "
                           "number > ? ORDER BY number LIMIT ?"),
              term_id, after_number, limit));
  return sql::ReadRows<CongressSession>(*st, ReadSession);
}

absl::StatusOr<std::vector<absl::CivilDay>> CongressStore::HeldSessionDays(
    sql::Session& s, absl::string_view term_id) {
  ASSIGN_OR_RETURN(
      sql::Statement * st,
      s.Query("SELECT start_date FROM congress_sessions WHERE term_id = ? "
              "AND status <> ?",
              term_id, static_cast<int>(SessionStatus::kPlanned)));
  return sql::ReadRows<absl::CivilDay>(
      *st, [](sql::Statement& st) { return st.Date(0); });
}

absl::StatusOr<std::optional<absl::CivilDay>> CongressStore::LastSessionDay(
    sql::Session& s, absl::string_view term_id) {
  ASSIGN_OR_RETURN(
      sql::Statement * st,
      s.Query("SELECT MAX(end_date) FROM congress_sessions WHERE term_id = ?",
              term_id));
  ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return std::nullopt;
  return st->OptionalDate(0);
}

absl::StatusOr<int64_t> CongressStore::OpenVotes(sql::Session& s,
                                                 absl::string_view session_id) {
  ASSIGN_OR_RETURN(
      sql::Statement * st,
      s.Query("SELECT COUNT(*) FROM votes WHERE session_id = ? AND status = ?",
              session_id, static_cast<int>(VoteStatus::kOpen)));
  ASSIGN_OR_RETURN(bool row, st->Step());
  return row ? st->Int(0) : 0;
}

}  // namespace unionhub::democracy
