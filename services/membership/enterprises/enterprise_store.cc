#include "services/membership/enterprises/enterprise_store.h"

#include <algorithm>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "libs/base/clock.h"
#include "libs/base/status_macros.h"
#include "libs/sql/values.h"

namespace unionhub::membership {
namespace {

constexpr char kColumns[] =
    "id, organisation_id, organisation_path, name, credit_code, employees, "
    "required_to_found, founding_status, applied_date, founded_date, "
    "union_organisation_id, union_organisation_path, create_time, update_time, "
    "etag";

using sql::NullIfEmpty;

absl::StatusOr<Enterprise> Read(sql::Statement& st) {
  Enterprise e;
  e.id = st.Text(0);
  e.organisation_id = st.Text(1);
  e.organisation_path = st.Text(2);
  e.name = st.Text(3);
  e.credit_code = st.IsNull(4) ? "" : st.Text(4);
  e.employees = st.Int(5);
  e.required_to_found = st.Int(6) != 0;
  e.founding_status = static_cast<UnionFoundingStatus>(st.Int(7));
  ASSIGN_OR_RETURN(e.applied_date, st.OptionalDate(8));
  ASSIGN_OR_RETURN(e.founded_date, st.OptionalDate(9));
  e.union_organisation_id = st.IsNull(10) ? "" : st.Text(10);
  e.union_organisation_path = st.IsNull(11) ? "" : st.Text(11);
  ASSIGN_OR_RETURN(e.create_time, st.Timestamp(12));
  ASSIGN_OR_RETURN(e.update_time, st.Timestamp(13));
  e.etag = st.Text(14);
  return e;
}

}  // namespace

absl::StatusOr<std::optional<Enterprise>> EnterpriseStore::Find(
    sql::Session& s, absl::string_view id) {
  ASSIGN_OR_RETURN(sql::Statement * st,
                   s.Query(absl::StrCat("SELECT ", kColumns,
                                        " FROM enterprises WHERE id = ?"),
                           id));
  ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return std::nullopt;
  return Read(*st);
}

absl::Status EnterpriseStore::Insert(sql::Session& s, const Enterprise& e) {
  return s
      .Execute(absl::StrCat(
                   "INSERT INTO enterprises (", kColumns,
                   ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
               e.id, e.organisation_id, e.organisation_path, e.name,
               NullIfEmpty(e.credit_code), e.employees, e.required_to_found,
               static_cast<int>(e.founding_status),
               sql::DateOrNull(e.applied_date), sql::DateOrNull(e.founded_date),
               NullIfEmpty(e.union_organisation_id),
               NullIfEmpty(e.union_organisation_path),
               FormatTimestamp(e.create_time), FormatTimestamp(e.update_time),
               e.etag)
      .status();
}

absl::Status EnterpriseStore::Update(sql::Session& s, const Enterprise& e) {
  return s
      .Execute(
          "UPDATE enterprises SET name = ?, credit_code = ?, employees = ?, "
          "required_to_found = ?, founding_status = ?, applied_date = ?, "
          "founded_date = ?, union_organisation_id = ?, "
          "union_organisation_path = ?, update_time = ?, etag = ? WHERE id = ?",
          e.name, NullIfEmpty(e.credit_code), e.employees, e.required_to_found,
          static_cast<int>(e.founding_status), sql::DateOrNull(e.applied_date),
          sql::DateOrNull(e.founded_date), NullIfEmpty(e.union_organisation_id),
          NullIfEmpty(e.union_organisation_path),
          FormatTimestamp(e.update_time), e.etag, e.id)
      .status();
}

absl::StatusOr<std::vector<Enterprise>> EnterpriseStore::List(
    sql::Session& s, const EnterpriseFilter& f) {
  std::string sql = absl::StrCat(
      "SELECT ", kColumns, " FROM enterprises WHERE organisation_path LIKE ?");
  if (f.status != UnionFoundingStatus::kUnspecified)
    sql += " AND founding_status = ?";
  if (f.only_required) sql += " AND required_to_found = 1";
  if (!f.after_id.empty()) sql += " AND (name > ? OR (name = ? AND id > ?))";
  sql += " ORDER BY name, id LIMIT ?";
  ASSIGN_OR_RETURN(sql::Statement * st, s.Prepare(sql));
  int i = 0;
  st->BindText(++i, f.under_path + "%");
  if (f.status != UnionFoundingStatus::kUnspecified) {
    st->BindInt(++i, static_cast<int>(f.status));
  }
  if (!f.after_id.empty()) {
    st->BindText(++i, f.after_name);
    st->BindText(++i, f.after_name);
    st->BindText(++i, f.after_id);
  }
  st->BindInt(++i, f.limit);
  std::vector<Enterprise> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) return out;
    ASSIGN_OR_RETURN(out.emplace_back(), Read(*st));
  }
}

absl::StatusOr<FoundingStatistics> EnterpriseStore::Statistics(
    sql::Session& s, absl::string_view under_path) {
  FoundingStatistics out;
  ASSIGN_OR_RETURN(sql::Statement * st,
                   s.Query("SELECT COUNT(*), "
                           "COALESCE(SUM(required_to_found), 0), "
                           "COALESCE(SUM(CASE WHEN required_to_found = 1 AND "
                           "founding_status = 3 "
                           "THEN 1 ELSE 0 END), 0), "
                           "COALESCE(SUM(CASE WHEN required_to_found = 1 AND "
                           "founding_status = 2 "
                           "THEN 1 ELSE 0 END), 0), "
                           "COALESCE(SUM(CASE WHEN founding_status = 3 THEN "
                           "employees ELSE 0 END), 0) "
                           "FROM enterprises WHERE organisation_path LIKE ?",
                           absl::StrCat(under_path, "%")));
  ASSIGN_OR_RETURN(bool row, st->Step());
  if (row) {
    out.enterprises = st->Int(0);
    out.required_to_found = st->Int(1);
    out.founded = st->Int(2);
    out.applied = st->Int(3);
    out.employees_of_founded = st->Int(4);
  }
  // Members of the founded enterprises' unions: one range count per union,
  // skipping a union that lies inside another one already counted.
  std::vector<std::string> union_paths;
  ASSIGN_OR_RETURN(
      st, s.Query("SELECT union_organisation_path FROM enterprises WHERE "
                  "organisation_path LIKE ? AND founding_status = 3 "
                  "ORDER BY union_organisation_path",
                  absl::StrCat(under_path, "%")));
  while (true) {
    ASSIGN_OR_RETURN(bool more, st->Step());
    if (!more) break;
    std::string path = st->Text(0);
    if (union_paths.empty() || !absl::StartsWith(path, union_paths.back())) {
      union_paths.push_back(std::move(path));
    }
  }
  for (const std::string& path : union_paths) {
    ASSIGN_OR_RETURN(
        sql::Statement * count,
        s.Query("SELECT COUNT(*) FROM members WHERE organisation_path LIKE ? "
                "AND status = 1",
                absl::StrCat(path, "%")));
    ASSIGN_OR_RETURN(bool counted, count->Step());
    if (counted) out.members_of_founded += count->Int(0);
  }
  return out;
}

}  // namespace unionhub::membership
