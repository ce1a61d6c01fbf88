#include "services/membership/committees/committee_store.h"

#include "absl/strings/str_cat.h"
#include "libs/base/clock.h"
#include "libs/base/status_macros.h"

namespace unionhub::membership {
namespace {

constexpr char kTermColumns[] =
    "id, organisation_id, organisation_path, term_number, start_date, "
    "length_years, "
    "election_date, eligible_voters, voters_present, election_method, state, "
    "end_date, "
    "create_time";
constexpr char kOfficerColumns[] =
    "o.id, o.term_id, o.member_id, m.name, o.position, o.votes_for, "
    "o.start_date, "
    "o.end_date, o.end_reason";

absl::StatusOr<CommitteeTerm> ReadTerm(sql::Statement& st) {
  CommitteeTerm t;
  t.id = st.Text(0);
  t.organisation_id = st.Text(1);
  t.organisation_path = st.Text(2);
  t.term_number = st.Int(3);
  ASSIGN_OR_RETURN(t.start_date, st.Date(4));
  t.length_years = st.Int(5);
  ASSIGN_OR_RETURN(t.election.election_date, st.Date(6));
  t.election.eligible_voters = st.Int(7);
  t.election.voters_present = st.Int(8);
  t.election.method = st.Text(9);
  t.state = static_cast<CommitteeTermState>(st.Int(10));
  ASSIGN_OR_RETURN(t.end_date, st.OptionalDate(11));
  ASSIGN_OR_RETURN(t.create_time, st.Timestamp(12));
  return t;
}

absl::StatusOr<Officer> ReadOfficer(sql::Statement& st) {
  Officer o;
  o.id = st.Text(0);
  o.term_id = st.Text(1);
  o.member_id = st.Text(2);
  o.member_name = st.Text(3);
  o.position = static_cast<OfficerPosition>(st.Int(4));
  o.votes_for = st.Int(5);
  ASSIGN_OR_RETURN(o.start_date, st.Date(6));
  ASSIGN_OR_RETURN(o.end_date, st.OptionalDate(7));
  o.end_reason = st.Text(8);
  return o;
}

}  // namespace

absl::StatusOr<std::optional<CommitteeTerm>> CommitteeStore::FindTerm(
    sql::Session& s, absl::string_view id) {
  ASSIGN_OR_RETURN(sql::Statement * st,
                   s.Query(absl::StrCat("SELECT ", kTermColumns,
                                        " FROM committee_terms WHERE id = ?"),
                           id));
  ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return std::nullopt;
  return ReadTerm(*st);
}

absl::StatusOr<std::optional<CommitteeTerm>> CommitteeStore::FindCurrentTerm(
    sql::Session& s, absl::string_view organisation_id) {
  ASSIGN_OR_RETURN(
      sql::Statement * st,
      s.Query(
          absl::StrCat(
              "SELECT ", kTermColumns,
              " FROM committee_terms WHERE organisation_id = ? AND state = ?"),
          organisation_id, static_cast<int>(CommitteeTermState::kCurrent)));
  ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return std::nullopt;
  return ReadTerm(*st);
}

absl::StatusOr<std::vector<CommitteeTerm>> CommitteeStore::ListTerms(
    sql::Session& s, absl::string_view organisation_id) {
  ASSIGN_OR_RETURN(
      sql::Statement * st,
      s.Query(absl::StrCat("SELECT ", kTermColumns,
                           " FROM committee_terms WHERE organisation_id = ? "
                           "ORDER BY term_number DESC"),
              organisation_id));
  return sql::ReadRows<CommitteeTerm>(*st, ReadTerm);
}

absl::Status CommitteeStore::InsertTerm(sql::Session& s,
                                        const CommitteeTerm& t) {
  return s
      .Execute(absl::StrCat("INSERT INTO committee_terms (", kTermColumns,
                            ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
               t.id, t.organisation_id, t.organisation_path, t.term_number,
               FormatDate(t.start_date), t.length_years,
               FormatDate(t.election.election_date), t.election.eligible_voters,
               t.election.voters_present, t.election.method,
               static_cast<int>(t.state), sql::Null{},
               FormatTimestamp(t.create_time))
      .status();
}

absl::Status CommitteeStore::EndTerm(sql::Session& s, absl::string_view id,
                                     absl::CivilDay end_date) {
  return s
      .Execute(
          "UPDATE committee_terms SET state = ?, end_date = ? WHERE id = ?",
          static_cast<int>(CommitteeTermState::kEnded), FormatDate(end_date),
          id)
      .status();
}

absl::StatusOr<std::optional<Officer>> CommitteeStore::FindOfficer(
    sql::Session& s, absl::string_view id) {
  ASSIGN_OR_RETURN(sql::Statement * st,
                   s.Query(absl::StrCat("SELECT ", kOfficerColumns,
                                        " FROM officers o JOIN members m ON "
                                        "m.id = o.member_id WHERE o.id = ?"),
                           id));
  ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return std::nullopt;
  return ReadOfficer(*st);
}

absl::StatusOr<std::vector<Officer>> CommitteeStore::ListOfficers(
    sql::Session& s, absl::string_view term_id, bool include_ended) {
  ASSIGN_OR_RETURN(
      sql::Statement * st,
      s.Query(
          absl::StrCat("SELECT ", kOfficerColumns,
                       " FROM officers o JOIN members m ON m.id = o.member_id "
                       "WHERE o.term_id = ? AND (? = 1 OR o.end_date IS NULL) "
                       "ORDER BY o.position, m.name, o.id"),
          term_id, include_ended));
  return sql::ReadRows<Officer>(*st, ReadOfficer);
}

absl::Status CommitteeStore::InsertOfficer(sql::Session& s, const Officer& o,
                                           absl::Time now) {
  return s
      .Execute(
          "INSERT INTO officers (id, term_id, member_id, position, votes_for, "
          "start_date, end_date, end_reason, create_time) VALUES "
          "(?, ?, ?, ?, ?, ?, ?, ?, ?)",
          o.id, o.term_id, o.member_id, static_cast<int>(o.position),
          o.votes_for, FormatDate(o.start_date), sql::Null{}, "",
          FormatTimestamp(now))
      .status();
}

absl::Status CommitteeStore::EndOfficer(sql::Session& s, const Officer& o) {
  return s
      .Execute("UPDATE officers SET end_date = ?, end_reason = ? WHERE id = ?",
               FormatDate(*o.end_date), o.end_reason, o.id)
      .status();
}

}  // namespace unionhub::membership
