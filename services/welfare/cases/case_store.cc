#include "services/welfare/cases/case_store.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "libs/base/clock.h"
#include "libs/base/status_macros.h"
#include "libs/sql/values.h"

namespace unionhub::welfare {
namespace {

constexpr char kColumns[] =
    "id, organisation_id, organisation_path, received_by_organisation_id, "
    "received_by_path, kind, channel, category, person_id, summary, "
    "received_date, due_date, status, assignee, escalations, outcome, "
    "money_recovered_fen, resolved_date, satisfaction, create_time, "
    "update_time, etag";

absl::StatusOr<Case> Read(sql::Statement& st) {
  Case c;
  c.id = st.Text(0);
  c.organisation_id = st.Text(1);
  c.organisation_path = st.Text(2);
  c.received_by_organisation_id = st.Text(3);
  c.received_by_path = st.Text(4);
  c.kind = static_cast<CaseKind>(st.Int(5));
  c.channel = static_cast<CaseChannel>(st.Int(6));
  c.category = static_cast<CaseCategory>(st.Int(7));
  c.person_id = st.IsNull(8) ? "" : st.Text(8);
  c.summary = st.Text(9);
  ASSIGN_OR_RETURN(c.received_date, st.Date(10));
  ASSIGN_OR_RETURN(c.due_date, st.Date(11));
  c.status = static_cast<CaseStatus>(st.Int(12));
  c.assignee = st.Text(13);
  c.escalations = static_cast<int>(st.Int(14));
  c.outcome = st.Text(15);
  c.money_recovered_fen = st.Int(16);
  ASSIGN_OR_RETURN(c.resolved_date, st.OptionalDate(17));
  c.satisfaction = static_cast<CaseSatisfaction>(st.Int(18));
  ASSIGN_OR_RETURN(c.create_time, st.Timestamp(19));
  ASSIGN_OR_RETURN(c.update_time, st.Timestamp(20));
  c.etag = st.Text(21);
  return c;
}

}  // namespace

absl::StatusOr<std::optional<Case>> CaseStore::Find(sql::Session& s,
                                                    absl::string_view id) {
  ASSIGN_OR_RETURN(
      sql::Statement * st,
      s.Query(absl::StrCat("SELECT ", kColumns, " FROM cases WHERE id = ?"),
              id));
  return sql::ReadOne(*st, Read);
}

absl::Status CaseStore::Insert(sql::Session& s, const Case& c) {
  return s
      .Execute(absl::StrCat("INSERT INTO cases (", kColumns,
                            ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                            "?, ?, ?, ?, ?, ?, ?, ?, ?)"),
               c.id, c.organisation_id, c.organisation_path,
               c.received_by_organisation_id, c.received_by_path,
               static_cast<int>(c.kind), static_cast<int>(c.channel),
               static_cast<int>(c.category), sql::NullIfEmpty(c.person_id),
               c.summary, FormatDate(c.received_date), FormatDate(c.due_date),
               static_cast<int>(c.status), c.assignee, c.escalations, c.outcome,
               c.money_recovered_fen, sql::DateOrNull(c.resolved_date),
               static_cast<int>(c.satisfaction), FormatTimestamp(c.create_time),
               FormatTimestamp(c.update_time), c.etag)
      .status();
}

absl::Status CaseStore::Update(sql::Session& s, const Case& c) {
  return s
      .Execute(
          "UPDATE cases SET organisation_id = ?, organisation_path = ?, "
          "due_date = ?, status = ?, assignee = ?, escalations = ?, "
          "outcome = ?, money_recovered_fen = ?, resolved_date = ?, "
          "satisfaction = ?, update_time = ?, etag = ? WHERE id = ?",
          c.organisation_id, c.organisation_path, FormatDate(c.due_date),
          static_cast<int>(c.status), c.assignee, c.escalations, c.outcome,
          c.money_recovered_fen, sql::DateOrNull(c.resolved_date),
          static_cast<int>(c.satisfaction), FormatTimestamp(c.update_time),
          c.etag, c.id)
      .status();
}

absl::StatusOr<std::vector<Case>> CaseStore::List(sql::Session& s,
                                                  const CaseFilter& f) {
  std::string sql = absl::StrCat(
      "SELECT ", kColumns,
      " FROM cases WHERE (organisation_path LIKE ? OR received_by_path LIKE "
      "?)");
  if (f.kind != CaseKind::kUnspecified) sql += " AND kind = ?";
  if (f.status != CaseStatus::kUnspecified) sql += " AND status = ?";
  if (f.due_before) sql += " AND status <> ? AND due_date < ?";
  if (!f.before_id.empty()) sql += " AND id < ?";
  sql += " ORDER BY id DESC LIMIT ?";
  ASSIGN_OR_RETURN(sql::Statement * st, s.Prepare(sql));
  int i = 0;
  st->BindText(++i, f.under_path + "%");
  st->BindText(++i, f.under_path + "%");
  if (f.kind != CaseKind::kUnspecified)
    st->BindInt(++i, static_cast<int>(f.kind));
  if (f.status != CaseStatus::kUnspecified)
    st->BindInt(++i, static_cast<int>(f.status));
  if (f.due_before) {
    st->BindInt(++i, static_cast<int>(CaseStatus::kResolved));
    st->BindText(++i, FormatDate(*f.due_before));
  }
  if (!f.before_id.empty()) st->BindText(++i, f.before_id);
  st->BindInt(++i, f.limit);
  return sql::ReadRows<Case>(*st, Read);
}

absl::StatusOr<std::optional<int>> CaseStore::PromiseDays(
    sql::Session& s, const std::vector<std::string>& organisation_ids) {
  if (organisation_ids.empty()) return std::nullopt;
  std::vector<std::string> marks(organisation_ids.size(), "?");
  ASSIGN_OR_RETURN(
      sql::Statement * st,
      s.Prepare(absl::StrCat("SELECT organisation_id, promise_days FROM "
                             "case_promises WHERE organisation_id IN (",
                             absl::StrJoin(marks, ", "), ")")));
  int i = 0;
  for (const std::string& id : organisation_ids) st->BindText(++i, id);
  std::optional<int> days;
  size_t depth = 0;
  while (true) {
    ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) return days;
    size_t at = std::find(organisation_ids.begin(), organisation_ids.end(),
                          st->Text(0)) -
                organisation_ids.begin();
    if (!days || at >= depth) {
      days = static_cast<int>(st->Int(1));
      depth = at;
    }
  }
}

absl::Status CaseStore::SetPromise(sql::Session& s,
                                   absl::string_view organisation_id, int days,
                                   absl::Time now) {
  ASSIGN_OR_RETURN(
      int64_t changed,
      s.Execute("UPDATE case_promises SET promise_days = ?, update_time = ? "
                "WHERE organisation_id = ?",
                days, FormatTimestamp(now), organisation_id));
  if (changed > 0) return absl::OkStatus();
  absl::Status inserted =
      s.Execute(
           "INSERT INTO case_promises (organisation_id, promise_days, "
           "update_time) VALUES (?, ?, ?)",
           organisation_id, days, FormatTimestamp(now))
          .status();
  // MySQL counts an UPDATE that changes nothing as 0 rows: the row is there.
  if (inserted.code() == absl::StatusCode::kAlreadyExists)
    return absl::OkStatus();
  return inserted;
}

}  // namespace unionhub::welfare
