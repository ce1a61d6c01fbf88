#include "services/membership/model_workers/model_worker_store.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "libs/base/clock.h"
#include "libs/base/status_macros.h"

namespace unionhub::membership {
namespace {

constexpr char kSelect[] =
    "SELECT w.id, m.id, m.name, m.organisation_id, m.organisation_path, "
    "w.level, w.title, w.award_year, w.hardship_causes, w.notes, "
    "w.create_time, w.update_time, w.etag, w.person_id FROM model_workers w "
    // The record is the person's; it is shown with the membership they hold
    // (at most one), else their newest.
    "JOIN members m ON m.id = (SELECT n.id FROM members n WHERE n.person_id = "
    "w.person_id ORDER BY CASE WHEN n.holder_index IS NULL THEN 1 ELSE 0 END, "
    "n.create_time DESC, n.id DESC LIMIT 1) ";

std::string EncodeCauses(const std::vector<HardshipCause>& causes) {
  return absl::StrJoin(causes, ",", [](std::string* out, HardshipCause c) {
    absl::StrAppend(out, static_cast<int>(c));
  });
}

absl::StatusOr<ModelWorker> Read(sql::Statement& st) {
  ModelWorker w;
  w.id = st.Text(0);
  w.member_id = st.Text(1);
  w.member_name = st.Text(2);
  w.organisation_id = st.Text(3);
  w.organisation_path = st.Text(4);
  w.level = static_cast<ModelWorkerLevel>(st.Int(5));
  w.title = st.Text(6);
  w.award_year = st.Int(7);
  for (absl::string_view code :
       absl::StrSplit(st.Text(8), ',', absl::SkipEmpty())) {
    int value;
    if (!absl::SimpleAtoi(code, &value))
      return absl::InternalError("bad stored cause");
    w.hardship_causes.push_back(static_cast<HardshipCause>(value));
  }
  w.notes = st.Text(9);
  ASSIGN_OR_RETURN(w.create_time, ParseTimestamp(st.Text(10)));
  ASSIGN_OR_RETURN(w.update_time, ParseTimestamp(st.Text(11)));
  w.etag = st.Text(12);
  w.person_id = st.Text(13);
  return w;
}

}  // namespace

absl::StatusOr<std::optional<ModelWorker>> ModelWorkerStore::Find(
    sql::Session& s, absl::string_view id) {
  ASSIGN_OR_RETURN(sql::Statement * st,
                   s.Query(absl::StrCat(kSelect, "WHERE w.id = ?"), id));
  ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return std::nullopt;
  return Read(*st);
}

absl::Status ModelWorkerStore::Insert(sql::Session& s, const ModelWorker& w) {
  return s
      .Execute(
          "INSERT INTO model_workers (id, member_id, person_id, level, title, "
          "award_year, hardship_causes, notes, create_time, update_time, etag) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          w.id, w.member_id, w.person_id, static_cast<int>(w.level), w.title,
          w.award_year, EncodeCauses(w.hardship_causes), w.notes,
          FormatTimestamp(w.create_time), FormatTimestamp(w.update_time),
          w.etag)
      .status();
}

absl::Status ModelWorkerStore::Update(sql::Session& s, const ModelWorker& w) {
  return s
      .Execute(
          "UPDATE model_workers SET level = ?, title = ?, award_year = ?, "
          "hardship_causes = ?, notes = ?, update_time = ?, etag = ? WHERE id "
          "= ?",
          static_cast<int>(w.level), w.title, w.award_year,
          EncodeCauses(w.hardship_causes), w.notes,
          FormatTimestamp(w.update_time), w.etag, w.id)
      .status();
}

absl::StatusOr<std::vector<ModelWorker>> ModelWorkerStore::List(
    sql::Session& s, const ModelWorkerFilter& f) {
  std::string sql = absl::StrCat(kSelect, "WHERE m.organisation_path LIKE ?");
  if (f.level != ModelWorkerLevel::kUnspecified) sql += " AND w.level = ?";
  if (f.only_in_hardship) sql += " AND w.hardship_causes <> ''";
  if (!f.after_id.empty())
    sql += " AND (m.name > ? OR (m.name = ? AND w.id > ?))";
  sql += " ORDER BY m.name, w.id LIMIT ?";
  ASSIGN_OR_RETURN(sql::Statement * st, s.Prepare(sql));
  int i = 0;
  st->BindText(++i, f.under_path + "%");
  if (f.level != ModelWorkerLevel::kUnspecified)
    st->BindInt(++i, static_cast<int>(f.level));
  if (!f.after_id.empty()) {
    st->BindText(++i, f.after_name);
    st->BindText(++i, f.after_name);
    st->BindText(++i, f.after_id);
  }
  st->BindInt(++i, f.limit);
  std::vector<ModelWorker> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) return out;
    ASSIGN_OR_RETURN(out.emplace_back(), Read(*st));
  }
}

}  // namespace unionhub::membership
