#include "services/membership/activities/activity_store.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "libs/base/clock.h"
#include "libs/base/status_macros.h"

namespace unionhub::membership {
namespace {

constexpr char kActivitySelect[] =
    "SELECT a.id, a.organisation_id, a.organisation_path, a.name, a.kind, "
    "a.start_date, "
    "a.end_date, a.location, a.description, a.create_time, (SELECT COUNT(*) "
    "FROM "
    "participations p WHERE p.activity_id = a.id) FROM activities a ";
constexpr char kHonourSelect[] =
    "SELECT id, organisation_id, organisation_path, member_id, title, level, "
    "awarded_by, "
    "award_date, create_time FROM honours ";

absl::StatusOr<Activity> ReadActivity(sql::Statement& st) {
  Activity a;
  a.id = st.Text(0);
  a.organisation_id = st.Text(1);
  a.organisation_path = st.Text(2);
  a.name = st.Text(3);
  a.kind = static_cast<ActivityKind>(st.Int(4));
  ASSIGN_OR_RETURN(a.start_date, st.Date(5));
  ASSIGN_OR_RETURN(a.end_date, st.Date(6));
  a.location = st.Text(7);
  a.description = st.Text(8);
  ASSIGN_OR_RETURN(a.create_time, st.Timestamp(9));
  a.participant_count = st.Int(10);
  return a;
}

absl::StatusOr<Honour> ReadHonour(sql::Statement& st) {
  Honour h;
  h.id = st.Text(0);
  h.organisation_id = st.Text(1);
  h.organisation_path = st.Text(2);
  h.member_id = st.IsNull(3) ? "" : st.Text(3);
  h.title = st.Text(4);
  h.level = static_cast<HonourLevel>(st.Int(5));
  h.awarded_by = st.Text(6);
  ASSIGN_OR_RETURN(h.award_date, st.Date(7));
  ASSIGN_OR_RETURN(h.create_time, st.Timestamp(8));
  return h;
}

// "path LIKE ? [AND date column in year] [AND kind] [keyset] ORDER BY date
// DESC, id DESC LIMIT ?", bound in that order.
absl::StatusOr<sql::Statement*> PrepareDated(sql::Session& s, std::string sql,
                                             const char* path_column,
                                             const char* date_column,
                                             const char* id_column,
                                             const char* kind_column,
                                             const DatedFilter& f) {
  absl::StrAppend(&sql, "WHERE ", path_column, " LIKE ?");
  if (f.year != 0)
    absl::StrAppend(&sql, " AND ", date_column, " >= ? AND ", date_column,
                    " <= ?");
  if (f.kind != 0) absl::StrAppend(&sql, " AND ", kind_column, " = ?");
  if (!f.before_id.empty()) {
    absl::StrAppend(&sql, " AND (", date_column, " < ? OR (", date_column,
                    " = ? AND ", id_column, " < ?))");
  }
  absl::StrAppend(&sql, " ORDER BY ", date_column, " DESC, ", id_column,
                  " DESC LIMIT ?");
  ASSIGN_OR_RETURN(sql::Statement * st, s.Prepare(sql));
  int i = 0;
  st->BindText(++i, f.under_path + "%");
  if (f.year != 0) {
    st->BindText(++i, absl::StrFormat("%04d-01-01", f.year));
    st->BindText(++i, absl::StrFormat("%04d-12-31", f.year));
  }
  if (f.kind != 0) st->BindInt(++i, f.kind);
  if (!f.before_id.empty()) {
    st->BindText(++i, f.before_date);
    st->BindText(++i, f.before_date);
    st->BindText(++i, f.before_id);
  }
  st->BindInt(++i, f.limit);
  return st;
}

}  // namespace

absl::StatusOr<std::optional<Activity>> ActivityStore::FindActivity(
    sql::Session& s, absl::string_view id) {
  ASSIGN_OR_RETURN(
      sql::Statement * st,
      s.Query(absl::StrCat(kActivitySelect, "WHERE a.id = ?"), id));
  ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return std::nullopt;
  return ReadActivity(*st);
}

absl::Status ActivityStore::InsertActivity(sql::Session& s, const Activity& a) {
  return s
      .Execute(
          "INSERT INTO activities (id, organisation_id, organisation_path, "
          "name, "
          "kind, start_date, end_date, location, description, create_time) "
          "VALUES "
          "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          a.id, a.organisation_id, a.organisation_path, a.name,
          static_cast<int>(a.kind), FormatDate(a.start_date),
          FormatDate(a.end_date), a.location, a.description,
          FormatTimestamp(a.create_time))
      .status();
}

absl::StatusOr<std::vector<Activity>> ActivityStore::ListActivities(
    sql::Session& s, const DatedFilter& f) {
  ASSIGN_OR_RETURN(sql::Statement * st,
                   PrepareDated(s, kActivitySelect, "a.organisation_path",
                                "a.start_date", "a.id", "a.kind", f));
  return sql::ReadRows<Activity>(*st, ReadActivity);
}

absl::StatusOr<ActivityStore::Put> ActivityStore::PutParticipation(
    sql::Session& s, const Participation& p) {
  ASSIGN_OR_RETURN(
      sql::Statement * st,
      s.Query("SELECT award, note FROM participations WHERE activity_id = ? "
              "AND member_id = ?",
              p.activity_id, p.member_id));
  ASSIGN_OR_RETURN(bool found, st->Step());
  if (found) {
    if (st->Text(0) == p.award && st->Text(1) == p.note) return Put::kUnchanged;
    RETURN_IF_ERROR(
        s.Execute("UPDATE participations SET award = ?, note = ? WHERE "
                  "activity_id = ? AND member_id = ?",
                  p.award, p.note, p.activity_id, p.member_id)
            .status());
    return Put::kUpdated;
  }
  RETURN_IF_ERROR(
      s.Execute("INSERT INTO participations (activity_id, member_id, award, "
                "note) VALUES (?, ?, ?, ?)",
                p.activity_id, p.member_id, p.award, p.note)
          .status());
  return Put::kAdded;
}

absl::StatusOr<std::vector<Participation>> ActivityStore::ListParticipations(
    sql::Session& s, absl::string_view activity_id,
    absl::string_view after_name, absl::string_view after_id, int limit) {
  ASSIGN_OR_RETURN(
      sql::Statement * st,
      s.Query("SELECT p.activity_id, p.member_id, m.name, p.award, p.note FROM "
              "participations p JOIN members m ON m.id = p.member_id WHERE "
              "p.activity_id = ? AND (m.name > ? OR (m.name = ? AND "
              "p.member_id > ?)) "
              "ORDER BY m.name, p.member_id LIMIT ?",
              activity_id, after_name, after_name, after_id, limit));
  return sql::ReadRows<Participation>(
      *st, [](sql::Statement& st) -> absl::StatusOr<Participation> {
        return Participation{st.Text(0), st.Text(1), st.Text(2), st.Text(3),
                             st.Text(4)};
      });
}

absl::StatusOr<std::optional<Honour>> ActivityStore::FindHonour(
    sql::Session& s, absl::string_view id) {
  ASSIGN_OR_RETURN(sql::Statement * st,
                   s.Query(absl::StrCat(kHonourSelect, "WHERE id = ?"), id));
  ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return std::nullopt;
  return ReadHonour(*st);
}

absl::Status ActivityStore::InsertHonour(sql::Session& s, const Honour& h) {
  return s
      .Execute(
          "INSERT INTO honours (id, organisation_id, organisation_path, "
          "member_id, "
          "title, level, awarded_by, award_date, create_time) VALUES "
          "(?, ?, ?, ?, ?, ?, ?, ?, ?)",
          h.id, h.organisation_id, h.organisation_path,
          h.member_id.empty() ? std::nullopt
                              : std::optional<std::string>(h.member_id),
          h.title, static_cast<int>(h.level), h.awarded_by,
          FormatDate(h.award_date), FormatTimestamp(h.create_time))
      .status();
}

absl::StatusOr<std::vector<Honour>> ActivityStore::ListHonours(
    sql::Session& s, const DatedFilter& f) {
  ASSIGN_OR_RETURN(sql::Statement * st,
                   PrepareDated(s, kHonourSelect, "organisation_path",
                                "award_date", "id", "level", f));
  return sql::ReadRows<Honour>(*st, ReadHonour);
}

}  // namespace unionhub::membership
