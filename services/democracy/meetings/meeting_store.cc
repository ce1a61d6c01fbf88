#include "services/democracy/meetings/meeting_store.h"

#include "absl/strings/str_cat.h"
#include "libs/base/clock.h"
#include "libs/base/status_macros.h"
#include "libs/sql/values.h"

namespace unionhub::democracy {
namespace {

constexpr char kItemColumns[] =
    "id, session_id, organisation_id, organisation_path, position, kind, "
    "title, description, create_time";

absl::StatusOr<AgendaItem> ReadItem(sql::Statement& st) {
  AgendaItem a;
  a.id = st.Text(0);
  a.session_id = st.Text(1);
  a.organisation_id = st.Text(2);
  a.organisation_path = st.Text(3);
  a.position = static_cast<int>(st.Int(4));
  a.kind = static_cast<AgendaItemKind>(st.Int(5));
  a.title = st.Text(6);
  a.description = st.Text(7);
  ASSIGN_OR_RETURN(a.create_time, st.Timestamp(8));
  return a;
}

constexpr const char* kVoteColumnNames[] = {
    "id",          "agenda_item_id",  "session_id",
    "term_id",     "organisation_id", "organisation_path",
    "question",    "status",          "representatives",
    "present",     "votes_for",       "votes_against",
    "abstentions", "outcome",         "resolution_text",
    "open_time",   "close_time"};
constexpr int kVoteColumnCount =
    sizeof(kVoteColumnNames) / sizeof(kVoteColumnNames[0]);

// The vote columns, each prefixed with `table.` when one is given.
std::string VoteColumnsOf(absl::string_view table = "") {
  std::string out;
  for (const char* name : kVoteColumnNames) {
    if (!out.empty()) out += ", ";
    if (!table.empty()) absl::StrAppend(&out, table, ".");
    out += name;
  }
  return out;
}

absl::StatusOr<Vote> ReadVote(sql::Statement& st) {
  Vote v;
  v.id = st.Text(0);
  v.agenda_item_id = st.Text(1);
  v.session_id = st.Text(2);
  v.term_id = st.Text(3);
  v.organisation_id = st.Text(4);
  v.organisation_path = st.Text(5);
  v.question = st.Text(6);
  v.status = static_cast<VoteStatus>(st.Int(7));
  v.representatives = static_cast<int>(st.Int(8));
  v.present = static_cast<int>(st.Int(9));
  v.votes_for = static_cast<int>(st.Int(10));
  v.votes_against = static_cast<int>(st.Int(11));
  v.abstentions = static_cast<int>(st.Int(12));
  v.outcome = static_cast<VoteOutcome>(st.Int(13));
  v.resolution_text = st.Text(14);
  ASSIGN_OR_RETURN(v.open_time, st.Timestamp(15));
  if (!st.IsNull(16)) {
    ASSIGN_OR_RETURN(v.close_time, st.Timestamp(16));
  }
  return v;
}

}  // namespace

absl::StatusOr<int> MeetingStore::PlaceNextItem(sql::Session& s,
                                                absl::string_view session_id) {
  RETURN_IF_ERROR(s.Execute("UPDATE congress_sessions SET agenda_items_placed "
                            "= agenda_items_placed + 1 WHERE id = ?",
                            session_id)
                      .status());
  ASSIGN_OR_RETURN(sql::Statement * st,
                   s.Query("SELECT agenda_items_placed FROM congress_sessions "
                           "WHERE id = ?",
                           session_id));
  ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return absl::InternalError("the session went away");
  return static_cast<int>(st->Int(0));
}

absl::StatusOr<std::optional<AgendaItem>> MeetingStore::FindItem(
    sql::Session& s, absl::string_view id) {
  ASSIGN_OR_RETURN(sql::Statement * st,
                   s.Query(absl::StrCat("SELECT ", kItemColumns,
                                        " FROM agenda_items WHERE id = ?"),
                           id));
  return sql::ReadOne(*st, ReadItem);
}

absl::Status MeetingStore::InsertItem(sql::Session& s, const AgendaItem& a) {
  return s
      .Execute(absl::StrCat("INSERT INTO agenda_items (", kItemColumns,
                            ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"),
               a.id, a.session_id, a.organisation_id, a.organisation_path,
               a.position, static_cast<int>(a.kind), a.title, a.description,
               FormatTimestamp(a.create_time))
      .status();
}

absl::StatusOr<std::vector<AgendaItem>> MeetingStore::ListItems(
    sql::Session& s, absl::string_view session_id, int after_position,
    int limit) {
  ASSIGN_OR_RETURN(
      sql::Statement * st,
      s.Query(absl::StrCat("SELECT ", kItemColumns,
                           " FROM agenda_items WHERE session_id = ? AND "
                           "position > ? ORDER BY position LIMIT ?"),
              session_id, after_position, limit));
  return sql::ReadRows<AgendaItem>(*st, ReadItem);
}

absl::Status MeetingStore::PutAttendance(sql::Session& s,
                                         absl::string_view session_id,
                                         const Attendance& a) {
  RETURN_IF_ERROR(s.Execute("DELETE FROM attendance WHERE session_id = ? AND "
                            "representative_id = ?",
                            session_id, a.representative_id)
                      .status());
  return s
      .Execute(
          "INSERT INTO attendance (session_id, representative_id, "
          "status, note) VALUES (?, ?, ?, ?)",
          session_id, a.representative_id, static_cast<int>(a.status), a.note)
      .status();
}

absl::StatusOr<std::vector<Attendance>> MeetingStore::ListAttendance(
    sql::Session& s, absl::string_view session_id) {
  ASSIGN_OR_RETURN(sql::Statement * st,
                   s.Query("SELECT representative_id, status, note FROM "
                           "attendance WHERE session_id = ? ORDER BY "
                           "representative_id",
                           session_id));
  return sql::ReadRows<Attendance>(
      *st, [](sql::Statement& st) -> absl::StatusOr<Attendance> {
        return Attendance{st.Text(0), static_cast<AttendanceStatus>(st.Int(1)),
                          st.Text(2)};
      });
}

absl::StatusOr<AttendanceSummary> MeetingStore::Summarize(
    sql::Session& s, absl::string_view session_id, absl::string_view term_id) {
  const int seated = static_cast<int>(RepresentativeStatus::kQualified);
  AttendanceSummary out;
  {
    ASSIGN_OR_RETURN(sql::Statement * st,
                     s.Query("SELECT COUNT(*) FROM representatives WHERE "
                             "term_id = ? AND status = ?",
                             term_id, seated));
    ASSIGN_OR_RETURN(bool row, st->Step());
    out.representatives = row ? static_cast<int>(st->Int(0)) : 0;
  }
  ASSIGN_OR_RETURN(
      sql::Statement * st,
      s.Query("SELECT a.status, COUNT(*) FROM attendance a JOIN "
              "representatives r ON r.id = a.representative_id WHERE "
              "a.session_id = ? AND r.status = ? GROUP BY a.status",
              session_id, seated));
  while (true) {
    ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    int n = static_cast<int>(st->Int(1));
    switch (static_cast<AttendanceStatus>(st->Int(0))) {
      case AttendanceStatus::kPresent:
        out.present = n;
        break;
      case AttendanceStatus::kExcused:
        out.excused = n;
        break;
      default:
        break;
    }
  }
  out.absent = out.representatives - out.present - out.excused;
  out.quorum = IsQuorum(out.present, out.representatives);
  return out;
}

absl::StatusOr<std::optional<Vote>> MeetingStore::FindVote(
    sql::Session& s, absl::string_view id) {
  ASSIGN_OR_RETURN(sql::Statement * st,
                   s.Query(absl::StrCat("SELECT ", VoteColumnsOf(),
                                        " FROM votes WHERE id = ?"),
                           id));
  return sql::ReadOne(*st, ReadVote);
}

absl::Status MeetingStore::InsertVote(sql::Session& s, const Vote& v) {
  return s
      .Execute(absl::StrCat("INSERT INTO votes (", VoteColumnsOf(),
                            ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                            "?, ?, ?, ?)"),
               v.id, v.agenda_item_id, v.session_id, v.term_id,
               v.organisation_id, v.organisation_path, v.question,
               static_cast<int>(v.status), v.representatives, v.present,
               v.votes_for, v.votes_against, v.abstentions,
               static_cast<int>(v.outcome), v.resolution_text,
               FormatTimestamp(v.open_time), sql::TimeOrNull(v.close_time))
      .status();
}

absl::Status MeetingStore::UpdateVote(sql::Session& s, const Vote& v) {
  return s
      .Execute(
          "UPDATE votes SET status = ?, votes_for = ?, votes_against = ?, "
          "abstentions = ?, outcome = ?, resolution_text = ?, close_time = ? "
          "WHERE id = ?",
          static_cast<int>(v.status), v.votes_for, v.votes_against,
          v.abstentions, static_cast<int>(v.outcome), v.resolution_text,
          sql::TimeOrNull(v.close_time), v.id)
      .status();
}

absl::StatusOr<std::vector<Vote>> MeetingStore::ListVotes(
    sql::Session& s, absl::string_view session_id, absl::string_view after_id,
    int limit) {
  ASSIGN_OR_RETURN(
      sql::Statement * st,
      s.Query(absl::StrCat("SELECT ", VoteColumnsOf(),
                           " FROM votes WHERE session_id = ? AND id > ? "
                           "ORDER BY id LIMIT ?"),
              session_id, after_id, limit));
  return sql::ReadRows<Vote>(*st, ReadVote);
}

absl::StatusOr<bool> MeetingStore::ItemHasOpenVote(
    sql::Session& s, absl::string_view agenda_item_id) {
  ASSIGN_OR_RETURN(
      sql::Statement * st,
      s.Query("SELECT COUNT(*) FROM votes WHERE agenda_item_id = "
              "? AND status = ?",
              agenda_item_id, static_cast<int>(VoteStatus::kOpen)));
  ASSIGN_OR_RETURN(bool row, st->Step());
  return row && st->Int(0) > 0;
}

absl::StatusOr<std::optional<MeetingStore::BallotContext>>
MeetingStore::FindBallotContext(sql::Session& s, absl::string_view vote_id,
                                absl::string_view representative_id) {
  ASSIGN_OR_RETURN(
      sql::Statement * st,
      s.Query(absl::StrCat(
                  "SELECT ", VoteColumnsOf("v"),
                  ", r.term_id, r.status, a.status FROM votes v LEFT JOIN "
                  "representatives r ON r.id = ? LEFT JOIN attendance a ON "
                  "a.session_id = v.session_id AND a.representative_id = ? "
                  "WHERE v.id = ?"),
              representative_id, representative_id, vote_id));
  return sql::ReadOne(
      *st, [](sql::Statement& st) -> absl::StatusOr<BallotContext> {
        BallotContext c;
        ASSIGN_OR_RETURN(c.vote, ReadVote(st));
        c.organisation_path = c.vote.organisation_path;
        if (!st.IsNull(kVoteColumnCount)) {
          c.term_id = st.Text(kVoteColumnCount);
          c.status =
              static_cast<RepresentativeStatus>(st.Int(kVoteColumnCount + 1));
        }
        if (!st.IsNull(kVoteColumnCount + 2)) {
          c.attendance =
              static_cast<AttendanceStatus>(st.Int(kVoteColumnCount + 2));
        }
        return c;
      });
}

absl::StatusOr<std::optional<VoteChoice>> MeetingStore::FindBallot(
    sql::Session& s, absl::string_view vote_id,
    absl::string_view representative_id) {
  ASSIGN_OR_RETURN(sql::Statement * st,
                   s.Query("SELECT choice FROM ballots WHERE vote_id = ? AND "
                           "representative_id = ?",
                           vote_id, representative_id));
  return sql::ReadOne(*st,
                      [](sql::Statement& st) -> absl::StatusOr<VoteChoice> {
                        return static_cast<VoteChoice>(st.Int(0));
                      });
}

absl::Status MeetingStore::DeferBallot(sql::Session& s, const Ballot& b) {
  return s.Defer(
      "INSERT INTO ballots (vote_id, representative_id, choice) VALUES (?, ?, "
      "?)",
      b.vote_id, b.representative_id, static_cast<int>(b.choice));
}

absl::Status MeetingStore::CountBallots(sql::Session& s, Vote& v) {
  ASSIGN_OR_RETURN(sql::Statement * st,
                   s.Query("SELECT choice, COUNT(*) FROM ballots WHERE "
                           "vote_id = ? GROUP BY choice",
                           v.id));
  v.votes_for = v.votes_against = v.abstentions = 0;
  while (true) {
    ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    int n = static_cast<int>(st->Int(1));
    switch (static_cast<VoteChoice>(st->Int(0))) {
      case VoteChoice::kFor:
        v.votes_for = n;
        break;
      case VoteChoice::kAgainst:
        v.votes_against = n;
        break;
      default:
        v.abstentions = n;
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<Ballot>> MeetingStore::ListBallots(
    sql::Session& s, absl::string_view vote_id,
    absl::string_view after_representative_id, int limit) {
  ASSIGN_OR_RETURN(
      sql::Statement * st,
      s.Query("SELECT vote_id, representative_id, choice FROM ballots WHERE "
              "vote_id = ? AND representative_id > ? ORDER BY "
              "representative_id LIMIT ?",
              vote_id, after_representative_id, limit));
  return sql::ReadRows<
      Ballot>(*st, [](sql::Statement& st) -> absl::StatusOr<Ballot> {
    return Ballot{st.Text(0), st.Text(1), static_cast<VoteChoice>(st.Int(2))};
  });
}

}  // namespace unionhub::democracy
