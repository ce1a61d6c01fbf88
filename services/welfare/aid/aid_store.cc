#include "services/welfare/aid/aid_store.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "libs/base/clock.h"
#include "libs/base/ids.h"
#include "libs/base/status_macros.h"
#include "libs/sql/values.h"

namespace unionhub::welfare {
namespace {

using sql::NullIfEmpty;

constexpr char kFundColumns[] =
    "id, organisation_id, organisation_path, year, name, budget_fen, "
    "committed_fen, paid_fen, create_time, update_time, etag";

absl::StatusOr<Fund> ReadFund(sql::Statement& st) {
  Fund f;
  f.id = st.Text(0);
  f.organisation_id = st.Text(1);
  f.organisation_path = st.Text(2);
  f.year = static_cast<int>(st.Int(3));
  f.name = st.Text(4);
  f.budget_fen = st.Int(5);
  f.committed_fen = st.Int(6);
  f.paid_fen = st.Int(7);
  ASSIGN_OR_RETURN(f.create_time, st.Timestamp(8));
  ASSIGN_OR_RETURN(f.update_time, st.Timestamp(9));
  f.etag = st.Text(10);
  return f;
}

constexpr char kCampaignColumns[] =
    "id, organisation_id, organisation_path, name, kind, start_date, end_date, "
    "fund_id, eligibility, level_mask, min_amount_fen, max_amount_fen, "
    "cap_per_person_fen, status, create_time, update_time, etag";

absl::StatusOr<Campaign> ReadCampaign(sql::Statement& st) {
  Campaign c;
  c.id = st.Text(0);
  c.organisation_id = st.Text(1);
  c.organisation_path = st.Text(2);
  c.name = st.Text(3);
  c.kind = static_cast<CampaignKind>(st.Int(4));
  ASSIGN_OR_RETURN(c.start_date, st.Date(5));
  ASSIGN_OR_RETURN(c.end_date, st.Date(6));
  c.fund_id = st.Text(7);
  c.eligibility = static_cast<Eligibility>(st.Int(8));
  c.eligible_levels = ValuesOf(st.Int(9), HardshipLevel::kAccident);
  c.min_amount_fen = st.Int(10);
  c.max_amount_fen = st.Int(11);
  c.cap_per_person_fen = st.Int(12);
  c.status = static_cast<CampaignStatus>(st.Int(13));
  ASSIGN_OR_RETURN(c.create_time, st.Timestamp(14));
  ASSIGN_OR_RETURN(c.update_time, st.Timestamp(15));
  c.etag = st.Text(16);
  return c;
}

constexpr char kApplicationColumns[] =
    "id, campaign_id, campaign_path, person_id, member_id, organisation_id, "
    "organisation_path, hardship_file_id, requested_fen, approved_fen, reason, "
    "status, rejection_reason, applied_by_key_id, create_time, update_time, "
    "etag, student_id, school_year, student_verified_date";

absl::StatusOr<AidApplication> ReadApplication(sql::Statement& st) {
  AidApplication a;
  a.id = st.Text(0);
  a.campaign_id = st.Text(1);
  a.campaign_path = st.Text(2);
  a.person_id = st.Text(3);
  a.member_id = st.Text(4);
  a.organisation_id = st.Text(5);
  a.organisation_path = st.Text(6);
  a.hardship_file_id = st.IsNull(7) ? "" : st.Text(7);
  a.requested_fen = st.Int(8);
  a.approved_fen = st.Int(9);
  a.reason = st.Text(10);
  a.status = static_cast<AidApplicationStatus>(st.Int(11));
  a.rejection_reason = st.Text(12);
  a.applied_by_key_id = st.Text(13);
  ASSIGN_OR_RETURN(a.create_time, st.Timestamp(14));
  ASSIGN_OR_RETURN(a.update_time, st.Timestamp(15));
  a.etag = st.Text(16);
  a.student_id = st.Text(17);
  a.school_year = static_cast<int>(st.Int(18));
  if (!st.Text(19).empty()) {
    ASSIGN_OR_RETURN(a.student_verified,
                     ParseDate("student_verified_date", st.Text(19)));
  }
  return a;
}

constexpr char kPaymentColumns[] =
    "id, application_id, campaign_id, campaign_kind, fund_id, "
    "organisation_id, organisation_path, recipient_path, person_id, "
    "amount_fen, paid_date, flagged, flag_reasons, paid_by_key_id, "
    "create_time";
// What a payment reads as: the columns written when paid, and its reversal.
constexpr char kPaymentReadColumns[] =
    "id, application_id, campaign_id, campaign_kind, fund_id, "
    "organisation_id, organisation_path, recipient_path, person_id, "
    "amount_fen, paid_date, flagged, flag_reasons, paid_by_key_id, "
    "create_time, reversed_date, reversal_reason, reversed_by_key_id";

absl::StatusOr<AidPayment> ReadPayment(sql::Statement& st) {
  AidPayment p;
  p.id = st.Text(0);
  p.application_id = st.Text(1);
  p.campaign_id = st.Text(2);
  p.campaign_kind = static_cast<CampaignKind>(st.Int(3));
  p.fund_id = st.Text(4);
  p.organisation_id = st.Text(5);
  p.organisation_path = st.Text(6);
  p.recipient_path = st.Text(7);
  p.person_id = st.Text(8);
  p.amount_fen = st.Int(9);
  ASSIGN_OR_RETURN(p.paid_date, st.Date(10));
  p.flagged = st.Int(11) != 0;
  std::string reasons = st.Text(12);
  if (!reasons.empty()) p.flag_reasons = absl::StrSplit(reasons, '\n');
  p.paid_by_key_id = st.Text(13);
  ASSIGN_OR_RETURN(p.create_time, st.Timestamp(14));
  ASSIGN_OR_RETURN(p.reversed_date, st.OptionalDate(15));
  p.reversal_reason = st.Text(16);
  p.reversed_by_key_id = st.Text(17);
  return p;
}

// "SELECT <columns> FROM <table> WHERE id = ?"
std::string ById(const char* columns, const char* table) {
  return absl::StrCat("SELECT ", columns, " FROM ", table, " WHERE id = ?");
}

}  // namespace

absl::StatusOr<std::optional<Fund>> AidStore::FindFund(sql::Session& s,
                                                       absl::string_view id) {
  ASSIGN_OR_RETURN(sql::Statement * st,
                   s.Query(ById(kFundColumns, "funds"), id));
  return sql::ReadOne(*st, ReadFund);
}

absl::Status AidStore::InsertFund(sql::Session& s, const Fund& f) {
  return s
      .Execute(absl::StrCat("INSERT INTO funds (", kFundColumns,
                            ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
               f.id, f.organisation_id, f.organisation_path, f.year, f.name,
               f.budget_fen, f.committed_fen, f.paid_fen,
               FormatTimestamp(f.create_time), FormatTimestamp(f.update_time),
               f.etag)
      .status();
}

absl::StatusOr<bool> AidStore::UpdateFund(sql::Session& s, const Fund& f) {
  ASSIGN_OR_RETURN(
      int64_t changed,
      s.Execute("UPDATE funds SET name = ?, budget_fen = ?, update_time = ?, "
                "etag = ? WHERE id = ? AND committed_fen + paid_fen <= ?",
                f.name, f.budget_fen, FormatTimestamp(f.update_time), f.etag,
                f.id, f.budget_fen));
  return changed == 1;
}

absl::StatusOr<std::vector<Fund>> AidStore::ListFunds(sql::Session& s,
                                                      const FundFilter& f) {
  std::string sql = absl::StrCat("SELECT ", kFundColumns,
                                 " FROM funds WHERE organisation_path LIKE ?");
  if (f.year != 0) sql += " AND year = ?";
  if (!f.before_id.empty()) sql += " AND id < ?";
  sql += " ORDER BY id DESC LIMIT ?";
  ASSIGN_OR_RETURN(sql::Statement * st, s.Prepare(sql));
  int i = 0;
  st->BindText(++i, f.under_path + "%");
  if (f.year != 0) st->BindInt(++i, f.year);
  if (!f.before_id.empty()) st->BindText(++i, f.before_id);
  st->BindInt(++i, f.limit);
  return sql::ReadRows<Fund>(*st, ReadFund);
}

absl::StatusOr<bool> AidStore::Commit(sql::Session& s,
                                      absl::string_view fund_id, int64_t fen,
                                      absl::Time now) {
  ASSIGN_OR_RETURN(
      int64_t changed,
      s.Execute("UPDATE funds SET committed_fen = committed_fen + ?, "
                "update_time = ? WHERE id = ? AND "
                "budget_fen - committed_fen - paid_fen >= ?",
                fen, FormatTimestamp(now), fund_id, fen));
  return changed == 1;
}

absl::Status AidStore::MarkPaid(sql::Session& s, absl::string_view fund_id,
                                int64_t fen, absl::Time now) {
  return s.Defer(
      "UPDATE funds SET committed_fen = committed_fen - ?, "
      "paid_fen = paid_fen + ?, update_time = ? WHERE id = ?",
      fen, fen, FormatTimestamp(now), fund_id);
}

absl::StatusOr<std::optional<Campaign>> AidStore::FindCampaign(
    sql::Session& s, absl::string_view id) {
  ASSIGN_OR_RETURN(sql::Statement * st,
                   s.Query(ById(kCampaignColumns, "campaigns"), id));
  return sql::ReadOne(*st, ReadCampaign);
}

absl::Status AidStore::InsertCampaign(sql::Session& s, const Campaign& c) {
  return s
      .Execute(absl::StrCat("INSERT INTO campaigns (", kCampaignColumns,
                            ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                            "?, ?, ?, ?)"),
               c.id, c.organisation_id, c.organisation_path, c.name,
               static_cast<int>(c.kind), FormatDate(c.start_date),
               FormatDate(c.end_date), c.fund_id,
               static_cast<int>(c.eligibility), MaskOf(c.eligible_levels),
               c.min_amount_fen, c.max_amount_fen, c.cap_per_person_fen,
               static_cast<int>(c.status), FormatTimestamp(c.create_time),
               FormatTimestamp(c.update_time), c.etag)
      .status();
}

absl::Status AidStore::UpdateCampaignStatus(sql::Session& s,
                                            const Campaign& c) {
  return s
      .Execute(
          "UPDATE campaigns SET status = ?, update_time = ?, etag = ? WHERE "
          "id = ?",
          static_cast<int>(c.status), FormatTimestamp(c.update_time), c.etag,
          c.id)
      .status();
}

absl::StatusOr<std::vector<Campaign>> AidStore::ListCampaigns(
    sql::Session& s, const CampaignFilter& f) {
  std::string sql =
      absl::StrCat("SELECT ", kCampaignColumns,
                   " FROM campaigns WHERE organisation_path LIKE ?");
  if (f.kind != CampaignKind::kUnspecified) sql += " AND kind = ?";
  if (f.status != CampaignStatus::kUnspecified) sql += " AND status = ?";
  if (!f.before_id.empty()) sql += " AND id < ?";
  sql += " ORDER BY id DESC LIMIT ?";
  ASSIGN_OR_RETURN(sql::Statement * st, s.Prepare(sql));
  int i = 0;
  st->BindText(++i, f.under_path + "%");
  if (f.kind != CampaignKind::kUnspecified)
    st->BindInt(++i, static_cast<int>(f.kind));
  if (f.status != CampaignStatus::kUnspecified)
    st->BindInt(++i, static_cast<int>(f.status));
  if (!f.before_id.empty()) st->BindText(++i, f.before_id);
  st->BindInt(++i, f.limit);
  return sql::ReadRows<Campaign>(*st, ReadCampaign);
}

absl::StatusOr<std::optional<AidApplication>> AidStore::FindApplication(
    sql::Session& s, absl::string_view id) {
  ASSIGN_OR_RETURN(sql::Statement * st,
                   s.Query(ById(kApplicationColumns, "aid_applications"), id));
  return sql::ReadOne(*st, ReadApplication);
}

absl::Status AidStore::InsertApplication(sql::Session& s,
                                         const AidApplication& a) {
  return s
      .Execute(
          absl::StrCat("INSERT INTO aid_applications (", kApplicationColumns,
                       ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                       "?, ?, ?, ?, ?, ?, ?)"),
          a.id, a.campaign_id, a.campaign_path, a.person_id, a.member_id,
          a.organisation_id, a.organisation_path,
          NullIfEmpty(a.hardship_file_id), a.requested_fen, a.approved_fen,
          a.reason, static_cast<int>(a.status), a.rejection_reason,
          a.applied_by_key_id, FormatTimestamp(a.create_time),
          FormatTimestamp(a.update_time), a.etag, a.student_id,
          int64_t{a.school_year},
          a.student_verified ? FormatDate(*a.student_verified) : "")
      .status();
}

absl::Status AidStore::UpdateApplication(sql::Session& s,
                                         const AidApplication& a) {
  return s.Defer(
      "UPDATE aid_applications SET approved_fen = ?, status = ?, "
      "rejection_reason = ?, update_time = ?, etag = ?, "
      "student_verified_date = ? WHERE id = ?",
      a.approved_fen, static_cast<int>(a.status), a.rejection_reason,
      FormatTimestamp(a.update_time), a.etag,
      a.student_verified ? FormatDate(*a.student_verified) : "", a.id);
}

absl::StatusOr<std::vector<AidApplication>> AidStore::ListApplications(
    sql::Session& s, const ApplicationFilter& f) {
  std::string sql =
      absl::StrCat("SELECT ", kApplicationColumns,
                   " FROM aid_applications WHERE organisation_path LIKE ?");
  if (!f.campaign_id.empty()) sql += " AND campaign_id = ?";
  if (f.status != AidApplicationStatus::kUnspecified) sql += " AND status = ?";
  if (!f.person_id.empty()) sql += " AND person_id = ?";
  if (!f.before_id.empty()) sql += " AND id < ?";
  sql += " ORDER BY id DESC LIMIT ?";
  ASSIGN_OR_RETURN(sql::Statement * st, s.Prepare(sql));
  int i = 0;
  st->BindText(++i, f.under_path + "%");
  if (!f.campaign_id.empty()) st->BindText(++i, f.campaign_id);
  if (f.status != AidApplicationStatus::kUnspecified)
    st->BindInt(++i, static_cast<int>(f.status));
  if (!f.person_id.empty()) st->BindText(++i, f.person_id);
  if (!f.before_id.empty()) st->BindText(++i, f.before_id);
  st->BindInt(++i, f.limit);
  return sql::ReadRows<AidApplication>(*st, ReadApplication);
}

absl::StatusOr<int64_t> AidStore::ApprovedForPerson(
    sql::Session& s, absl::string_view campaign_id,
    absl::string_view person_id) {
  ASSIGN_OR_RETURN(
      sql::Statement * st,
      s.Query("SELECT COALESCE(SUM(approved_fen), 0) FROM aid_applications "
              "WHERE campaign_id = ? AND person_id = ? AND status IN (?, ?)",
              campaign_id, person_id,
              static_cast<int>(AidApplicationStatus::kApproved),
              static_cast<int>(AidApplicationStatus::kPaid)));
  ASSIGN_OR_RETURN(bool row, st->Step());
  return row ? st->Int(0) : 0;
}

absl::StatusOr<std::optional<AidApplication>> AidStore::FindPending(
    sql::Session& s, absl::string_view campaign_id, absl::string_view person_id,
    absl::string_view student_id) {
  ASSIGN_OR_RETURN(
      sql::Statement * st,
      s.Query(absl::StrCat("SELECT ", kApplicationColumns,
                           " FROM aid_applications WHERE campaign_id = ? AND "
                           "person_id = ? AND student_id = ? AND "
                           "status IN (?, ?, ?) LIMIT 1"),
              campaign_id, person_id, student_id,
              static_cast<int>(AidApplicationStatus::kSubmitted),
              static_cast<int>(AidApplicationStatus::kReviewed),
              static_cast<int>(AidApplicationStatus::kApproved)));
  return sql::ReadOne(*st, ReadApplication);
}

absl::StatusOr<std::optional<StudentParent>> AidStore::FindStudentParent(
    sql::Session& s, absl::string_view student_id) {
  ASSIGN_OR_RETURN(sql::Statement * st,
                   s.Query("SELECT person_id, organisation_path, "
                           "admission_year FROM students WHERE id = ?",
                           student_id));
  return sql::ReadOne(*st,
                      [](sql::Statement& st) -> absl::StatusOr<StudentParent> {
                        return StudentParent{st.Text(0), st.Text(1),
                                             static_cast<int>(st.Int(2))};
                      });
}

absl::StatusOr<std::vector<AidApplication>> AidStore::ListStudentAwards(
    sql::Session& s, const StudentAwardFilter& f) {
  std::string sql = absl::StrCat(
      "SELECT ", kApplicationColumns,
      " FROM aid_applications WHERE organisation_path LIKE ? AND student_id "
      "<> '' AND school_year = ?");
  if (f.due_for_verification) {
    sql +=
        absl::StrCat(" AND student_verified_date = '' AND status IN (",
                     static_cast<int>(AidApplicationStatus::kSubmitted), ", ",
                     static_cast<int>(AidApplicationStatus::kReviewed), ", ",
                     static_cast<int>(AidApplicationStatus::kApproved), ")");
  }
  if (!f.before_id.empty()) sql += " AND id < ?";
  sql += " ORDER BY id DESC LIMIT ?";
  ASSIGN_OR_RETURN(sql::Statement * st, s.Prepare(sql));
  int i = 0;
  st->BindText(++i, f.under_path + "%");
  st->BindInt(++i, f.school_year);
  if (!f.before_id.empty()) st->BindText(++i, f.before_id);
  st->BindInt(++i, f.limit);
  return sql::ReadRows<AidApplication>(*st, ReadApplication);
}

absl::StatusOr<std::vector<int>> AidStore::AwardYears(
    sql::Session& s, absl::string_view student_id) {
  ASSIGN_OR_RETURN(
      sql::Statement * st,
      s.Query("SELECT DISTINCT school_year FROM aid_applications WHERE "
              "student_id = ? AND status <> ? ORDER BY school_year",
              student_id, static_cast<int>(AidApplicationStatus::kRejected)));
  return sql::ReadRows<int>(*st, [](sql::Statement& st) -> absl::StatusOr<int> {
    return static_cast<int>(st.Int(0));
  });
}

absl::Status AidStore::AppendStep(sql::Session& s, AidApplicationStep step) {
  return s.Defer(
      "INSERT INTO aid_application_steps (application_id, id, step, note, "
      "key_id, record_time) VALUES (?, ?, ?, ?, ?, ?)",
      step.application_id, NewId(), step.step, step.note, step.key_id,
      FormatTimestamp(step.record_time));
}

absl::StatusOr<std::vector<AidApplicationStep>> AidStore::ListSteps(
    sql::Session& s, absl::string_view application_id,
    absl::string_view after_id, int limit) {
  ASSIGN_OR_RETURN(
      sql::Statement * st,
      s.Query("SELECT application_id, id, step, note, key_id, record_time "
              "FROM aid_application_steps WHERE application_id = ? AND id > ? "
              "ORDER BY id LIMIT ?",
              application_id, after_id, limit));
  return sql::ReadRows<AidApplicationStep>(
      *st, [](sql::Statement& st) -> absl::StatusOr<AidApplicationStep> {
        AidApplicationStep step;
        step.application_id = st.Text(0);
        step.id = st.Text(1);
        step.step = st.Text(2);
        step.note = st.Text(3);
        step.key_id = st.Text(4);
        ASSIGN_OR_RETURN(step.record_time, st.Timestamp(5));
        return step;
      });
}

absl::Status AidStore::InsertPayment(sql::Session& s, const AidPayment& p) {
  return s
      .Execute(
          absl::StrCat("INSERT INTO aid_payments (", kPaymentColumns,
                       ", paid_year) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                       "?, ?, ?, ?, ?)"),
          p.id, p.application_id, p.campaign_id,
          static_cast<int>(p.campaign_kind), p.fund_id, p.organisation_id,
          p.organisation_path, p.recipient_path, p.person_id, p.amount_fen,
          FormatDate(p.paid_date), p.flagged,
          absl::StrJoin(p.flag_reasons, "\n"), p.paid_by_key_id,
          FormatTimestamp(p.create_time), static_cast<int>(p.paid_date.year()))
      .status();
}

absl::StatusOr<bool> AidStore::ReversePayment(sql::Session& s,
                                              const AidPayment& p,
                                              absl::Time now) {
  ASSIGN_OR_RETURN(
      int64_t reversed,
      s.Execute("UPDATE aid_payments SET reversed_date = ?, reversal_reason = "
                "?, reversed_by_key_id = ? WHERE id = ? AND reversed_date IS "
                "NULL",
                FormatDate(*p.reversed_date), p.reversal_reason,
                p.reversed_by_key_id, p.id));
  if (reversed == 0) return false;
  RETURN_IF_ERROR(
      s.Execute("UPDATE funds SET paid_fen = paid_fen - ?, update_time = ? "
                "WHERE id = ?",
                p.amount_fen, FormatTimestamp(now), p.fund_id)
          .status());
  return true;
}

absl::StatusOr<std::optional<AidPayment>> AidStore::FindPayment(
    sql::Session& s, absl::string_view id) {
  ASSIGN_OR_RETURN(sql::Statement * st,
                   s.Query(ById(kPaymentReadColumns, "aid_payments"), id));
  return sql::ReadOne(*st, ReadPayment);
}

absl::StatusOr<std::vector<AidPayment>> AidStore::ListPayments(
    sql::Session& s, const PaymentFilter& f) {
  std::string sql = absl::StrCat(
      "SELECT ", kPaymentReadColumns,
      " FROM aid_payments WHERE (organisation_path LIKE ? OR recipient_path "
      "LIKE ?)");
  if (f.year != 0) sql += " AND paid_year = ?";
  if (f.only_flagged) sql += " AND flagged = 1";
  if (!f.person_id.empty()) sql += " AND person_id = ?";
  if (!f.before_id.empty()) sql += " AND id < ?";
  sql += " ORDER BY id DESC LIMIT ?";
  ASSIGN_OR_RETURN(sql::Statement * st, s.Prepare(sql));
  int i = 0;
  st->BindText(++i, f.under_path + "%");
  st->BindText(++i, f.under_path + "%");
  if (f.year != 0) st->BindInt(++i, f.year);
  if (!f.person_id.empty()) st->BindText(++i, f.person_id);
  if (!f.before_id.empty()) st->BindText(++i, f.before_id);
  st->BindInt(++i, f.limit);
  return sql::ReadRows<AidPayment>(*st, ReadPayment);
}

absl::StatusOr<PaymentsOfYear> AidStore::PaymentsOf(
    sql::Session& s, absl::string_view application_id, int year) {
  ASSIGN_OR_RETURN(
      sql::Statement * st,
      s.Query("SELECT p.campaign_kind, p.organisation_path, p.amount_fen FROM "
              "aid_applications a JOIN aid_payments p ON p.person_id = "
              "a.person_id AND p.paid_year = ? AND p.reversed_date IS NULL "
              "WHERE a.id = ?",
              year, application_id));
  PaymentsOfYear out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) return out;
    out.payers.emplace_back(static_cast<CampaignKind>(st->Int(0)), st->Text(1));
    out.total_fen += st->Int(2);
  }
}

}  // namespace unionhub::welfare
