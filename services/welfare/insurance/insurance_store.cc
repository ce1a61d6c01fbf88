#include "services/welfare/insurance/insurance_store.h"

#include "absl/strings/str_cat.h"
#include "libs/base/clock.h"
#include "libs/base/status_macros.h"
#include "libs/sql/values.h"

namespace unionhub::welfare {
namespace {

constexpr char kEnrolmentColumns[] =
    "id, person_id, organisation_id, organisation_path, plan, year, "
    "premium_fen, coverage_fen, paid_out_fen, create_time";

absl::StatusOr<InsuranceEnrolment> ReadEnrolment(sql::Statement& st) {
  InsuranceEnrolment e;
  e.id = st.Text(0);
  e.person_id = st.Text(1);
  e.organisation_id = st.Text(2);
  e.organisation_path = st.Text(3);
  e.plan = static_cast<InsurancePlan>(st.Int(4));
  e.year = static_cast<int>(st.Int(5));
  e.premium_fen = st.Int(6);
  e.coverage_fen = st.Int(7);
  e.paid_out_fen = st.Int(8);
  ASSIGN_OR_RETURN(e.create_time, st.Timestamp(9));
  return e;
}

constexpr char kClaimColumns[] =
    "id, enrolment_id, organisation_path, event_date, description, "
    "claimed_fen, status, payout_fen, decision_date, rejection_reason, "
    "create_time";

absl::StatusOr<InsuranceClaim> ReadClaim(sql::Statement& st) {
  InsuranceClaim c;
  c.id = st.Text(0);
  c.enrolment_id = st.Text(1);
  c.organisation_path = st.Text(2);
  ASSIGN_OR_RETURN(c.event_date, st.Date(3));
  c.description = st.Text(4);
  c.claimed_fen = st.Int(5);
  c.status = static_cast<ClaimStatus>(st.Int(6));
  c.payout_fen = st.Int(7);
  ASSIGN_OR_RETURN(c.decision_date, st.OptionalDate(8));
  c.rejection_reason = st.Text(9);
  ASSIGN_OR_RETURN(c.create_time, st.Timestamp(10));
  return c;
}

}  // namespace

absl::StatusOr<std::optional<InsuranceEnrolment>> InsuranceStore::FindEnrolment(
    sql::Session& s, absl::string_view id) {
  ASSIGN_OR_RETURN(
      sql::Statement * st,
      s.Query(absl::StrCat("SELECT ", kEnrolmentColumns,
                           " FROM insurance_enrolments WHERE id = ?"),
              id));
  return sql::ReadOne(*st, ReadEnrolment);
}

absl::Status InsuranceStore::InsertEnrolment(sql::Session& s,
                                             const InsuranceEnrolment& e) {
  return s
      .Execute(
          absl::StrCat("INSERT INTO insurance_enrolments (", kEnrolmentColumns,
                       ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
          e.id, e.person_id, e.organisation_id, e.organisation_path,
          static_cast<int>(e.plan), e.year, e.premium_fen, e.coverage_fen,
          e.paid_out_fen, FormatTimestamp(e.create_time))
      .status();
}

absl::StatusOr<std::vector<InsuranceEnrolment>> InsuranceStore::ListEnrolments(
    sql::Session& s, absl::string_view under_path, int year, InsurancePlan plan,
    absl::string_view before_id, int limit) {
  std::string sql = absl::StrCat("SELECT ", kEnrolmentColumns,
                                 " FROM insurance_enrolments WHERE "
                                 "organisation_path LIKE ?");
  if (year != 0) sql += " AND year = ?";
  if (plan != InsurancePlan::kUnspecified) sql += " AND plan = ?";
  if (!before_id.empty()) sql += " AND id < ?";
  sql += " ORDER BY id DESC LIMIT ?";
  ASSIGN_OR_RETURN(sql::Statement * st, s.Prepare(sql));
  int i = 0;
  st->BindText(++i, absl::StrCat(under_path, "%"));
  if (year != 0) st->BindInt(++i, year);
  if (plan != InsurancePlan::kUnspecified)
    st->BindInt(++i, static_cast<int>(plan));
  if (!before_id.empty()) st->BindText(++i, before_id);
  st->BindInt(++i, limit);
  return sql::ReadRows<InsuranceEnrolment>(*st, ReadEnrolment);
}

absl::StatusOr<bool> InsuranceStore::PayOut(sql::Session& s,
                                            absl::string_view enrolment_id,
                                            int64_t fen) {
  ASSIGN_OR_RETURN(
      int64_t changed,
      s.Execute("UPDATE insurance_enrolments SET paid_out_fen = paid_out_fen "
                "+ ? WHERE id = ? AND paid_out_fen + ? <= coverage_fen",
                fen, enrolment_id, fen));
  return changed == 1;
}

absl::StatusOr<std::optional<InsuranceClaim>> InsuranceStore::FindClaim(
    sql::Session& s, absl::string_view id) {
  ASSIGN_OR_RETURN(sql::Statement * st,
                   s.Query(absl::StrCat("SELECT ", kClaimColumns,
                                        " FROM insurance_claims WHERE id = ?"),
                           id));
  return sql::ReadOne(*st, ReadClaim);
}

absl::Status InsuranceStore::InsertClaim(sql::Session& s,
                                         const InsuranceClaim& c) {
  return s
      .Execute(absl::StrCat("INSERT INTO insurance_claims (", kClaimColumns,
                            ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
               c.id, c.enrolment_id, c.organisation_path,
               FormatDate(c.event_date), c.description, c.claimed_fen,
               static_cast<int>(c.status), c.payout_fen,
               sql::DateOrNull(c.decision_date), c.rejection_reason,
               FormatTimestamp(c.create_time))
      .status();
}

absl::Status InsuranceStore::UpdateClaim(sql::Session& s,
                                         const InsuranceClaim& c) {
  return s
      .Execute(
          "UPDATE insurance_claims SET status = ?, payout_fen = ?, "
          "decision_date = ?, rejection_reason = ? WHERE id = ?",
          static_cast<int>(c.status), c.payout_fen,
          sql::DateOrNull(c.decision_date), c.rejection_reason, c.id)
      .status();
}

absl::StatusOr<std::vector<InsuranceClaim>> InsuranceStore::ListClaims(
    sql::Session& s, absl::string_view under_path, ClaimStatus status,
    absl::string_view before_id, int limit) {
  const bool with_status = status != ClaimStatus::kUnspecified;
  std::string sql = absl::StrCat("SELECT ", kClaimColumns,
                                 " FROM insurance_claims WHERE "
                                 "organisation_path LIKE ?");
  if (with_status) sql += " AND status = ?";
  if (!before_id.empty()) sql += " AND id < ?";
  sql += " ORDER BY id DESC LIMIT ?";
  ASSIGN_OR_RETURN(sql::Statement * st, s.Prepare(sql));
  int i = 0;
  st->BindText(++i, absl::StrCat(under_path, "%"));
  if (with_status) st->BindInt(++i, static_cast<int>(status));
  if (!before_id.empty()) st->BindText(++i, before_id);
  st->BindInt(++i, limit);
  return sql::ReadRows<InsuranceClaim>(*st, ReadClaim);
}

}  // namespace unionhub::welfare
