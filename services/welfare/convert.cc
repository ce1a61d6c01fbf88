#include "services/welfare/convert.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "libs/base/clock.h"
#include "libs/base/text.h"
#include "libs/clients/subtree.h"
#include "libs/rpc/enums.h"
#include "libs/rpc/proto_time.h"

namespace unionhub::welfare {
namespace {

UNIONHUB_MIRRORS_PROTO_ENUM(HardshipLevel, v1::HardshipLevel, kAccident);
UNIONHUB_MIRRORS_PROTO_ENUM(HardshipCause, v1::HardshipCause, kOther);
UNIONHUB_MIRRORS_PROTO_ENUM(HardshipFileStatus, v1::HardshipFileStatus,
                            kExited);
UNIONHUB_MIRRORS_PROTO_ENUM(CampaignKind, v1::CampaignKind, kOther);
UNIONHUB_MIRRORS_PROTO_ENUM(StudentLevel, v1::StudentLevel, kUndergraduate);
UNIONHUB_MIRRORS_PROTO_ENUM(Eligibility, v1::Eligibility, kModelWorkers);
UNIONHUB_MIRRORS_PROTO_ENUM(CampaignStatus, v1::CampaignStatus, kClosed);
UNIONHUB_MIRRORS_PROTO_ENUM(AidApplicationStatus, v1::AidApplicationStatus,
                            kRejected);
UNIONHUB_MIRRORS_PROTO_ENUM(CondolenceEvent, v1::CondolenceEvent, kBirthday);
UNIONHUB_MIRRORS_PROTO_ENUM(PayingLevel, v1::PayingLevel, kUnion);
UNIONHUB_MIRRORS_PROTO_ENUM(CondolenceForm, v1::CondolenceForm, kInKind);
UNIONHUB_MIRRORS_PROTO_ENUM(CaseKind, v1::CaseKind, kRights);
UNIONHUB_MIRRORS_PROTO_ENUM(CaseChannel, v1::CaseChannel, kOnline);
UNIONHUB_MIRRORS_PROTO_ENUM(CaseCategory, v1::CaseCategory, kOther);
UNIONHUB_MIRRORS_PROTO_ENUM(CaseStatus, v1::CaseStatus, kResolved);
UNIONHUB_MIRRORS_PROTO_ENUM(CaseSatisfaction, v1::CaseSatisfaction,
                            kUnsatisfied);
UNIONHUB_MIRRORS_PROTO_ENUM(DonationPurpose, v1::DonationPurpose, kOther);
UNIONHUB_MIRRORS_PROTO_ENUM(DonationForm, v1::DonationForm, kItems);
UNIONHUB_MIRRORS_PROTO_ENUM(DonationDriveStatus, v1::DonationDriveStatus,
                            kClosed);
UNIONHUB_MIRRORS_PROTO_ENUM(InsurancePlan, v1::InsurancePlan, kWomenDisease);
UNIONHUB_MIRRORS_PROTO_ENUM(ClaimStatus, v1::ClaimStatus, kRejected);

}  // namespace

v1::HardshipFile ToProto(const HardshipFile& f) {
  v1::HardshipFile out;
  out.set_id(f.id);
  out.set_organisation_id(f.organisation_id);
  out.set_person_id(f.person_id);
  out.set_member_id(f.member_id);
  out.set_household_size(f.household_size);
  out.set_monthly_income_per_capita_fen(f.monthly_income_per_capita_fen);
  out.set_level(static_cast<v1::HardshipLevel>(f.level));
  for (HardshipCause c : f.causes)
    out.add_causes(static_cast<v1::HardshipCause>(c));
  out.set_situation(f.situation);
  out.set_status(static_cast<v1::HardshipFileStatus>(f.status));
  out.set_publicity_start_date(FormatDateOrEmpty(f.publicity_start_date));
  out.set_publicity_end_date(FormatDateOrEmpty(f.publicity_end_date));
  out.set_approved_date(FormatDateOrEmpty(f.approved_date));
  out.set_last_check_date(FormatDateOrEmpty(f.last_check_date));
  out.set_next_check_due_date(FormatDateOrEmpty(f.next_check_due_date));
  out.set_exit_date(FormatDateOrEmpty(f.exit_date));
  out.set_exit_reason(f.exit_reason);
  out.set_relapse(f.relapse);
  out.set_previous_file_id(f.previous_file_id);
  out.set_open_objections(f.open_objections);
  *out.mutable_create_time() = rpc::ToProtoTime(f.create_time);
  *out.mutable_update_time() = rpc::ToProtoTime(f.update_time);
  out.set_etag(f.etag);
  out.set_opened_date(FormatDate(f.opened_date));
  return out;
}

v1::HardshipObjection ToProto(const HardshipObjection& o) {
  v1::HardshipObjection out;
  out.set_id(o.id);
  out.set_file_id(o.file_id);
  out.set_filed_date(FormatDate(o.filed_date));
  out.set_content(o.content);
  out.set_answer(o.answer);
  out.set_answered_date(FormatDateOrEmpty(o.answered_date));
  out.set_upheld(o.upheld);
  *out.mutable_create_time() = rpc::ToProtoTime(o.create_time);
  return out;
}

v1::HardshipFileStep ToProto(const HardshipFileStep& s) {
  v1::HardshipFileStep out;
  out.set_step(s.step);
  out.set_date(FormatDate(s.date));
  out.set_note(s.note);
  out.set_key_id(s.key_id);
  *out.mutable_record_time() = rpc::ToProtoTime(s.record_time);
  return out;
}

v1::Fund ToProto(const Fund& f) {
  v1::Fund out;
  out.set_id(f.id);
  out.set_organisation_id(f.organisation_id);
  out.set_year(f.year);
  out.set_name(f.name);
  out.set_budget_fen(f.budget_fen);
  out.set_committed_fen(f.committed_fen);
  out.set_paid_fen(f.paid_fen);
  out.set_available_fen(f.available_fen());
  *out.mutable_create_time() = rpc::ToProtoTime(f.create_time);
  *out.mutable_update_time() = rpc::ToProtoTime(f.update_time);
  out.set_etag(f.etag);
  return out;
}

v1::Campaign ToProto(const Campaign& c) {
  v1::Campaign out;
  out.set_id(c.id);
  out.set_organisation_id(c.organisation_id);
  out.set_name(c.name);
  out.set_kind(static_cast<v1::CampaignKind>(c.kind));
  out.set_start_date(FormatDate(c.start_date));
  out.set_end_date(FormatDate(c.end_date));
  out.set_fund_id(c.fund_id);
  out.set_eligibility(static_cast<v1::Eligibility>(c.eligibility));
  for (HardshipLevel level : c.eligible_levels)
    out.add_eligible_levels(static_cast<v1::HardshipLevel>(level));
  out.set_min_amount_fen(c.min_amount_fen);
  out.set_max_amount_fen(c.max_amount_fen);
  out.set_cap_per_person_fen(c.cap_per_person_fen);
  out.set_status(static_cast<v1::CampaignStatus>(c.status));
  *out.mutable_create_time() = rpc::ToProtoTime(c.create_time);
  *out.mutable_update_time() = rpc::ToProtoTime(c.update_time);
  out.set_etag(c.etag);
  return out;
}

v1::AidApplication ToProto(const AidApplication& a) {
  v1::AidApplication out;
  out.set_id(a.id);
  out.set_campaign_id(a.campaign_id);
  out.set_person_id(a.person_id);
  out.set_member_id(a.member_id);
  out.set_organisation_id(a.organisation_id);
  out.set_hardship_file_id(a.hardship_file_id);
  out.set_requested_fen(a.requested_fen);
  out.set_approved_fen(a.approved_fen);
  out.set_reason(a.reason);
  out.set_status(static_cast<v1::AidApplicationStatus>(a.status));
  out.set_rejection_reason(a.rejection_reason);
  out.set_applied_by_key_id(a.applied_by_key_id);
  *out.mutable_create_time() = rpc::ToProtoTime(a.create_time);
  *out.mutable_update_time() = rpc::ToProtoTime(a.update_time);
  out.set_etag(a.etag);
  out.set_student_id(a.student_id);
  out.set_school_year(a.school_year);
  if (a.student_verified)
    out.set_student_verified_date(FormatDate(*a.student_verified));
  return out;
}

v1::AidApplicationStep ToProto(const AidApplicationStep& s) {
  v1::AidApplicationStep out;
  out.set_step(s.step);
  out.set_note(s.note);
  out.set_key_id(s.key_id);
  *out.mutable_record_time() = rpc::ToProtoTime(s.record_time);
  return out;
}

v1::AidPayment ToProto(const AidPayment& p) {
  v1::AidPayment out;
  out.set_id(p.id);
  out.set_application_id(p.application_id);
  out.set_campaign_id(p.campaign_id);
  out.set_campaign_kind(static_cast<v1::CampaignKind>(p.campaign_kind));
  out.set_fund_id(p.fund_id);
  out.set_organisation_id(p.organisation_id);
  out.set_person_id(p.person_id);
  out.set_amount_fen(p.amount_fen);
  out.set_paid_date(FormatDate(p.paid_date));
  out.set_flagged(p.flagged);
  for (const std::string& reason : p.flag_reasons) out.add_flag_reasons(reason);
  *out.mutable_create_time() = rpc::ToProtoTime(p.create_time);
  std::vector<std::string> recipient = clients::PathIds(p.recipient_path);
  if (!recipient.empty()) out.set_recipient_organisation_id(recipient.back());
  out.set_reversed_date(FormatDateOrEmpty(p.reversed_date));
  out.set_reversal_reason(p.reversal_reason);
  out.set_reversed_by_key_id(p.reversed_by_key_id);
  return out;
}

v1::CondolenceStandard ToProto(const CondolenceStandard& c) {
  v1::CondolenceStandard out;
  out.set_id(c.id);
  out.set_organisation_id(c.organisation_id);
  out.set_event(static_cast<v1::CondolenceEvent>(c.event));
  out.set_effective_date(FormatDate(c.effective_date));
  out.set_min_amount_fen(c.min_amount_fen);
  out.set_max_amount_fen(c.max_amount_fen);
  out.set_paying_level(static_cast<v1::PayingLevel>(c.paying_level));
  out.set_form(static_cast<v1::CondolenceForm>(c.form));
  out.set_max_visits_per_year(c.max_visits_per_year);
  out.set_max_fen_per_year(c.max_fen_per_year);
  *out.mutable_create_time() = rpc::ToProtoTime(c.create_time);
  return out;
}

v1::CondolenceVisit ToProto(const CondolenceVisit& v) {
  v1::CondolenceVisit out;
  out.set_id(v.id);
  out.set_person_id(v.person_id);
  out.set_member_id(v.member_id);
  out.set_organisation_id(v.organisation_id);
  out.set_event(static_cast<v1::CondolenceEvent>(v.event));
  out.set_visit_date(FormatDate(v.visit_date));
  out.set_amount_fen(v.amount_fen);
  out.set_form(static_cast<v1::CondolenceForm>(v.form));
  out.set_paying_level(static_cast<v1::PayingLevel>(v.paying_level));
  out.set_standard_id(v.standard_id);
  out.set_standard_organisation_id(v.standard_organisation_id);
  out.set_note(v.note);
  *out.mutable_create_time() = rpc::ToProtoTime(v.create_time);
  return out;
}

v1::Case ToProto(const Case& c) {
  v1::Case out;
  out.set_id(c.id);
  out.set_organisation_id(c.organisation_id);
  out.set_received_by_organisation_id(c.received_by_organisation_id);
  out.set_kind(static_cast<v1::CaseKind>(c.kind));
  out.set_channel(static_cast<v1::CaseChannel>(c.channel));
  out.set_category(static_cast<v1::CaseCategory>(c.category));
  out.set_person_id(c.person_id);
  out.set_summary(c.summary);
  out.set_received_date(FormatDate(c.received_date));
  out.set_due_date(FormatDate(c.due_date));
  out.set_status(static_cast<v1::CaseStatus>(c.status));
  out.set_assignee(c.assignee);
  out.set_escalations(c.escalations);
  out.set_outcome(c.outcome);
  out.set_money_recovered_fen(c.money_recovered_fen);
  out.set_resolved_date(FormatDateOrEmpty(c.resolved_date));
  out.set_resolved_late(c.resolved_late());
  out.set_satisfaction(static_cast<v1::CaseSatisfaction>(c.satisfaction));
  *out.mutable_create_time() = rpc::ToProtoTime(c.create_time);
  *out.mutable_update_time() = rpc::ToProtoTime(c.update_time);
  out.set_etag(c.etag);
  return out;
}

v1::DonationDrive ToProto(const DonationDrive& d) {
  v1::DonationDrive out;
  out.set_id(d.id);
  out.set_organisation_id(d.organisation_id);
  out.set_name(d.name);
  out.set_purpose(static_cast<v1::DonationPurpose>(d.purpose));
  out.set_start_date(FormatDate(d.start_date));
  out.set_end_date(FormatDate(d.end_date));
  out.set_status(static_cast<v1::DonationDriveStatus>(d.status));
  out.set_pledged_fen(d.pledged_fen);
  out.set_received_fen(d.received_fen);
  out.set_allocated_fen(d.allocated_fen);
  out.set_pledged_items(d.pledged_items);
  out.set_received_items(d.received_items);
  out.set_allocated_items(d.allocated_items);
  out.set_donations(d.donations);
  *out.mutable_create_time() = rpc::ToProtoTime(d.create_time);
  *out.mutable_update_time() = rpc::ToProtoTime(d.update_time);
  out.set_etag(d.etag);
  return out;
}

v1::Donation ToProto(const Donation& d) {
  v1::Donation out;
  out.set_id(d.id);
  out.set_drive_id(d.drive_id);
  out.set_person_id(d.person_id);
  out.set_donor_unit(d.donor_unit);
  out.set_form(static_cast<v1::DonationForm>(d.form));
  out.set_pledged(d.pledged);
  out.set_received(d.received);
  out.set_item_description(d.item_description);
  out.set_pledge_date(FormatDate(d.pledge_date));
  *out.mutable_create_time() = rpc::ToProtoTime(d.create_time);
  return out;
}

v1::DonationAllocation ToProto(const DonationAllocation& a) {
  v1::DonationAllocation out;
  out.set_id(a.id);
  out.set_drive_id(a.drive_id);
  out.set_person_id(a.person_id);
  out.set_beneficiary(a.beneficiary);
  out.set_form(static_cast<v1::DonationForm>(a.form));
  out.set_amount(a.amount);
  out.set_allocation_date(FormatDate(a.allocation_date));
  *out.mutable_create_time() = rpc::ToProtoTime(a.create_time);
  return out;
}

v1::InsuranceEnrolment ToProto(const InsuranceEnrolment& e) {
  v1::InsuranceEnrolment out;
  out.set_id(e.id);
  out.set_person_id(e.person_id);
  out.set_organisation_id(e.organisation_id);
  out.set_plan(static_cast<v1::InsurancePlan>(e.plan));
  out.set_year(e.year);
  out.set_premium_fen(e.premium_fen);
  out.set_coverage_fen(e.coverage_fen);
  out.set_paid_out_fen(e.paid_out_fen);
  *out.mutable_create_time() = rpc::ToProtoTime(e.create_time);
  return out;
}

v1::InsuranceClaim ToProto(const InsuranceClaim& c) {
  v1::InsuranceClaim out;
  out.set_id(c.id);
  out.set_enrolment_id(c.enrolment_id);
  out.set_event_date(FormatDate(c.event_date));
  out.set_description(c.description);
  out.set_claimed_fen(c.claimed_fen);
  out.set_status(static_cast<v1::ClaimStatus>(c.status));
  out.set_payout_fen(c.payout_fen);
  out.set_decision_date(FormatDateOrEmpty(c.decision_date));
  out.set_rejection_reason(c.rejection_reason);
  *out.mutable_create_time() = rpc::ToProtoTime(c.create_time);
  return out;
}

std::string MaskName(absl::string_view name) {
  if (name.empty()) return "";
  // The first character's bytes (valid UTF-8: checked when stored).
  const unsigned char lead = static_cast<unsigned char>(name[0]);
  const size_t first = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
  const ptrdiff_t rest = Utf8Length(name.substr(std::min(first, name.size())));
  return absl::StrCat(name.substr(0, first), std::string(rest, '*'));
}

v1::Student ToProto(const Student& r, PersonalData personal_data) {
  v1::Student out;
  out.set_id(r.id);
  out.set_person_id(r.person_id);
  out.set_organisation_id(r.organisation_id);
  if (personal_data == PersonalData::kFull) out.set_name(r.name);
  if (personal_data == PersonalData::kMasked) out.set_name(MaskName(r.name));
  out.set_school(r.school);
  out.set_level(static_cast<v1::StudentLevel>(r.level));
  out.set_admission_year(r.admission_year);
  out.set_years_supported(r.years_supported);
  out.set_paid_fen(r.paid_fen);
  *out.mutable_create_time() = rpc::ToProtoTime(r.create_time);
  *out.mutable_update_time() = rpc::ToProtoTime(r.update_time);
  out.set_etag(r.etag);
  return out;
}

v1::StudentAward ToProto(const StudentAward& w, PersonalData personal_data) {
  v1::StudentAward out;
  *out.mutable_application() = ToProto(w.application);
  *out.mutable_student() = ToProto(w.student, personal_data);
  out.set_year_of_support(w.year_of_support);
  return out;
}

v1::SummarizeStudentAidResponse ToProto(const StudentAidSummary& s) {
  v1::SummarizeStudentAidResponse out;
  out.set_students_awarded(s.students_awarded);
  out.set_students_paid(s.students_paid);
  out.set_paid_fen(s.paid_fen);
  out.set_students_paid_in_four_years(s.students_paid_in_four_years);
  out.set_paid_fen_in_four_years(s.paid_fen_in_four_years);
  out.set_students_paid_several_years(s.students_paid_several_years);
  return out;
}

}  // namespace unionhub::welfare
