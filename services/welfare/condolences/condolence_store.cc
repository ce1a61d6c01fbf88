#include "services/welfare/condolences/condolence_store.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "libs/base/clock.h"
#include "libs/base/status_macros.h"

namespace unionhub::welfare {
namespace {

constexpr char kStandardColumns[] =
    "id, organisation_id, organisation_path, event, effective_date, "
    "min_amount_fen, max_amount_fen, paying_level, form, max_visits_per_year, "
    "max_fen_per_year, create_time";

absl::StatusOr<CondolenceStandard> ReadStandard(sql::Statement& st) {
  CondolenceStandard c;
  c.id = st.Text(0);
  c.organisation_id = st.Text(1);
  c.organisation_path = st.Text(2);
  c.event = static_cast<CondolenceEvent>(st.Int(3));
  ASSIGN_OR_RETURN(c.effective_date, st.Date(4));
  c.min_amount_fen = st.Int(5);
  c.max_amount_fen = st.Int(6);
  c.paying_level = static_cast<PayingLevel>(st.Int(7));
  c.form = static_cast<CondolenceForm>(st.Int(8));
  c.max_visits_per_year = static_cast<int>(st.Int(9));
  c.max_fen_per_year = st.Int(10);
  ASSIGN_OR_RETURN(c.create_time, st.Timestamp(11));
  return c;
}

constexpr char kVisitColumns[] =
    "id, person_id, member_id, organisation_id, organisation_path, event, "
    "visit_date, amount_fen, form, paying_level, standard_id, "
    "standard_organisation_id, note, create_time";

absl::StatusOr<CondolenceVisit> ReadVisit(sql::Statement& st) {
  CondolenceVisit v;
  v.id = st.Text(0);
  v.person_id = st.Text(1);
  v.member_id = st.Text(2);
  v.organisation_id = st.Text(3);
  v.organisation_path = st.Text(4);
  v.event = static_cast<CondolenceEvent>(st.Int(5));
  ASSIGN_OR_RETURN(v.visit_date, st.Date(6));
  v.amount_fen = st.Int(7);
  v.form = static_cast<CondolenceForm>(st.Int(8));
  v.paying_level = static_cast<PayingLevel>(st.Int(9));
  v.standard_id = st.Text(10);
  v.standard_organisation_id = st.Text(11);
  v.note = st.Text(12);
  ASSIGN_OR_RETURN(v.create_time, st.Timestamp(13));
  return v;
}

}  // namespace

absl::Status CondolenceStore::InsertStandard(sql::Session& s,
                                             const CondolenceStandard& c) {
  return s
      .Execute(
          absl::StrCat("INSERT INTO condolence_standards (", kStandardColumns,
                       ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
          c.id, c.organisation_id, c.organisation_path,
          static_cast<int>(c.event), FormatDate(c.effective_date),
          c.min_amount_fen, c.max_amount_fen, static_cast<int>(c.paying_level),
          static_cast<int>(c.form), c.max_visits_per_year, c.max_fen_per_year,
          FormatTimestamp(c.create_time))
      .status();
}

absl::StatusOr<std::optional<CondolenceStandard>> CondolenceStore::FindStandard(
    sql::Session& s, absl::string_view id) {
  ASSIGN_OR_RETURN(
      sql::Statement * st,
      s.Query(absl::StrCat("SELECT ", kStandardColumns,
                           " FROM condolence_standards WHERE id = ?"),
              id));
  return sql::ReadOne(*st, ReadStandard);
}

absl::StatusOr<std::vector<CondolenceStandard>> CondolenceStore::StandardsUpTo(
    sql::Session& s, const std::vector<std::string>& organisation_ids,
    CondolenceEvent event, absl::CivilDay date) {
  if (organisation_ids.empty()) return std::vector<CondolenceStandard>{};
  std::vector<std::string> marks(organisation_ids.size(), "?");
  std::string sql =
      absl::StrCat("SELECT ", kStandardColumns,
                   " FROM condolence_standards WHERE organisation_id IN (",
                   absl::StrJoin(marks, ", "), ") AND effective_date <= ?");
  if (event != CondolenceEvent::kUnspecified) sql += " AND event = ?";
  sql += " ORDER BY effective_date DESC, id DESC";
  ASSIGN_OR_RETURN(sql::Statement * st, s.Prepare(sql));
  int i = 0;
  for (const std::string& id : organisation_ids) st->BindText(++i, id);
  st->BindText(++i, FormatDate(date));
  if (event != CondolenceEvent::kUnspecified)
    st->BindInt(++i, static_cast<int>(event));
  return sql::ReadRows<CondolenceStandard>(*st, ReadStandard);
}

absl::StatusOr<std::vector<CondolenceStandard>> CondolenceStore::ListStandards(
    sql::Session& s, absl::string_view organisation_id, CondolenceEvent event,
    absl::string_view before_date, absl::string_view before_id, int limit) {
  std::string sql = absl::StrCat("SELECT ", kStandardColumns,
                                 " FROM condolence_standards WHERE "
                                 "organisation_id = ?");
  if (event != CondolenceEvent::kUnspecified) sql += " AND event = ?";
  if (!before_id.empty()) {
    sql += " AND (effective_date < ? OR (effective_date = ? AND id < ?))";
  }
  sql += " ORDER BY effective_date DESC, id DESC LIMIT ?";
  ASSIGN_OR_RETURN(sql::Statement * st, s.Prepare(sql));
  int i = 0;
  st->BindText(++i, organisation_id);
  if (event != CondolenceEvent::kUnspecified)
    st->BindInt(++i, static_cast<int>(event));
  if (!before_id.empty()) {
    st->BindText(++i, before_date);
    st->BindText(++i, before_date);
    st->BindText(++i, before_id);
  }
  st->BindInt(++i, limit);
  return sql::ReadRows<CondolenceStandard>(*st, ReadStandard);
}

absl::StatusOr<std::optional<CondolenceStandard>>
CondolenceStore::LatestStandard(sql::Session& s,
                                absl::string_view organisation_id,
                                CondolenceEvent event) {
  ASSIGN_OR_RETURN(std::vector<CondolenceStandard> rows,
                   ListStandards(s, organisation_id, event, "", "", 1));
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

absl::Status CondolenceStore::InsertVisit(sql::Session& s,
                                          const CondolenceVisit& v) {
  return s
      .Execute(absl::StrCat("INSERT INTO condolence_visits (", kVisitColumns,
                            ", visit_year) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, "
                            "?, ?, ?, ?, ?, ?)"),
               v.id, v.person_id, v.member_id, v.organisation_id,
               v.organisation_path, static_cast<int>(v.event),
               FormatDate(v.visit_date), v.amount_fen, static_cast<int>(v.form),
               static_cast<int>(v.paying_level), v.standard_id,
               v.standard_organisation_id, v.note,
               FormatTimestamp(v.create_time),
               static_cast<int>(v.visit_date.year()))
      .status();
}

absl::StatusOr<std::optional<CondolenceVisit>> CondolenceStore::FindVisit(
    sql::Session& s, absl::string_view id) {
  ASSIGN_OR_RETURN(sql::Statement * st,
                   s.Query(absl::StrCat("SELECT ", kVisitColumns,
                                        " FROM condolence_visits WHERE id = ?"),
                           id));
  return sql::ReadOne(*st, ReadVisit);
}

absl::StatusOr<std::vector<CondolenceVisit>> CondolenceStore::ListVisits(
    sql::Session& s, const VisitFilter& f) {
  std::string sql =
      absl::StrCat("SELECT ", kVisitColumns,
                   " FROM condolence_visits WHERE organisation_path LIKE ?");
  if (f.year != 0) sql += " AND visit_year = ?";
  if (f.event != CondolenceEvent::kUnspecified) sql += " AND event = ?";
  if (!f.person_id.empty()) sql += " AND person_id = ?";
  if (!f.before_id.empty()) sql += " AND id < ?";
  sql += " ORDER BY id DESC LIMIT ?";
  ASSIGN_OR_RETURN(sql::Statement * st, s.Prepare(sql));
  int i = 0;
  st->BindText(++i, f.under_path + "%");
  if (f.year != 0) st->BindInt(++i, f.year);
  if (f.event != CondolenceEvent::kUnspecified)
    st->BindInt(++i, static_cast<int>(f.event));
  if (!f.person_id.empty()) st->BindText(++i, f.person_id);
  if (!f.before_id.empty()) st->BindText(++i, f.before_id);
  st->BindInt(++i, f.limit);
  return sql::ReadRows<CondolenceVisit>(*st, ReadVisit);
}

absl::StatusOr<VisitsOfYear> CondolenceStore::VisitsOf(
    sql::Session& s, absl::string_view person_id, CondolenceEvent event,
    int year) {
  ASSIGN_OR_RETURN(
      sql::Statement * st,
      s.Query("SELECT COUNT(*), COALESCE(SUM(amount_fen), 0) FROM "
              "condolence_visits WHERE person_id = ? AND event = ? AND "
              "visit_year = ?",
              person_id, static_cast<int>(event), year));
  ASSIGN_OR_RETURN(bool row, st->Step());
  VisitsOfYear out;
  if (row) {
    out.count = static_cast<int>(st->Int(0));
    out.total_fen = st->Int(1);
  }
  return out;
}

}  // namespace unionhub::welfare
