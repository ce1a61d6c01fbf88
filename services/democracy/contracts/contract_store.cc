#include "services/democracy/contracts/contract_store.h"

#include "absl/strings/str_cat.h"
#include "libs/base/clock.h"
#include "libs/base/status_macros.h"
#include "libs/sql/values.h"

namespace unionhub::democracy {
namespace {

constexpr char kColumns[] =
    "id, organisation_id, organisation_path, kind, title, employer, "
    "start_date, end_date, workers_covered, status, approval_vote_id, "
    "approved_date, previous_contract_id, renewed_by_id, create_time, etag";

absl::StatusOr<CollectiveContract> Read(sql::Statement& st) {
  CollectiveContract c;
  c.id = st.Text(0);
  c.organisation_id = st.Text(1);
  c.organisation_path = st.Text(2);
  c.kind = static_cast<ContractKind>(st.Int(3));
  c.title = st.Text(4);
  c.employer = st.Text(5);
  ASSIGN_OR_RETURN(c.start_date, st.Date(6));
  ASSIGN_OR_RETURN(c.end_date, st.Date(7));
  c.workers_covered = static_cast<int>(st.Int(8));
  c.status = static_cast<ContractStatus>(st.Int(9));
  c.approval_vote_id = st.Text(10);
  ASSIGN_OR_RETURN(c.approved_date, st.OptionalDate(11));
  c.previous_contract_id = st.Text(12);
  c.renewed_by_id = st.Text(13);
  ASSIGN_OR_RETURN(c.create_time, st.Timestamp(14));
  c.etag = st.Text(15);
  return c;
}

}  // namespace

absl::StatusOr<std::optional<CollectiveContract>> ContractStore::Find(
    sql::Session& s, absl::string_view id) {
  ASSIGN_OR_RETURN(sql::Statement * st,
                   s.Query(absl::StrCat("SELECT ", kColumns,
                                        " FROM collective_contracts WHERE id "
                                        "= ?"),
                           id));
  return sql::ReadOne(*st, Read);
}

absl::Status ContractStore::Insert(sql::Session& s,
                                   const CollectiveContract& c) {
  return s
      .Execute(absl::StrCat("INSERT INTO collective_contracts (", kColumns,
                            ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                            "?, ?, ?)"),
               c.id, c.organisation_id, c.organisation_path,
               static_cast<int>(c.kind), c.title, c.employer,
               FormatDate(c.start_date), FormatDate(c.end_date),
               c.workers_covered, static_cast<int>(c.status),
               c.approval_vote_id, sql::DateOrNull(c.approved_date),
               c.previous_contract_id, c.renewed_by_id,
               FormatTimestamp(c.create_time), c.etag)
      .status();
}

absl::Status ContractStore::Update(sql::Session& s,
                                   const CollectiveContract& c) {
  return s
      .Execute(
          "UPDATE collective_contracts SET status = ?, approval_vote_id = ?, "
          "approved_date = ?, renewed_by_id = ?, etag = ? WHERE id = ?",
          static_cast<int>(c.status), c.approval_vote_id,
          sql::DateOrNull(c.approved_date), c.renewed_by_id, c.etag, c.id)
      .status();
}

absl::StatusOr<std::vector<CollectiveContract>> ContractStore::List(
    sql::Session& s, absl::string_view under_path, ContractKind kind,
    std::optional<absl::CivilDay> in_force_on, absl::string_view before_id,
    int limit) {
  const bool with_kind = kind != ContractKind::kUnspecified;
  std::string sql = absl::StrCat("SELECT ", kColumns,
                                 " FROM collective_contracts WHERE "
                                 "organisation_path LIKE ?");
  if (with_kind) sql += " AND kind = ?";
  if (in_force_on)
    sql += " AND status = ? AND start_date <= ? AND end_date >= ?";
  if (!before_id.empty()) sql += " AND id < ?";
  sql += " ORDER BY id DESC LIMIT ?";
  ASSIGN_OR_RETURN(sql::Statement * st, s.Prepare(sql));
  int i = 0;
  st->BindText(++i, absl::StrCat(under_path, "%"));
  if (with_kind) st->BindInt(++i, static_cast<int>(kind));
  if (in_force_on) {
    st->BindInt(++i, static_cast<int>(ContractStatus::kApproved));
    st->BindText(++i, FormatDate(*in_force_on));
    st->BindText(++i, FormatDate(*in_force_on));
  }
  if (!before_id.empty()) st->BindText(++i, before_id);
  st->BindInt(++i, limit);
  return sql::ReadRows<CollectiveContract>(*st, Read);
}

absl::StatusOr<std::vector<CollectiveContract>> ContractStore::Ending(
    sql::Session& s, absl::string_view under_path, absl::CivilDay from,
    absl::CivilDay to, int limit) {
  ASSIGN_OR_RETURN(
      sql::Statement * st,
      s.Query(absl::StrCat("SELECT ", kColumns,
                           " FROM collective_contracts WHERE status = ? AND "
                           "renewed_by_id = '' AND end_date >= ? AND end_date "
                           "<= ? AND organisation_path LIKE ? ORDER BY "
                           "end_date, id LIMIT ?"),
              static_cast<int>(ContractStatus::kApproved), FormatDate(from),
              FormatDate(to), absl::StrCat(under_path, "%"), limit));
  return sql::ReadRows<CollectiveContract>(*st, Read);
}

}  // namespace unionhub::democracy
