// The welfare domain's records, without protobuf. Enums keep the proto's
// numbers (tied in convert.cc). Money is int64 fen.
#ifndef UNIONHUB_SERVICES_WELFARE_DOMAIN_H_
#define UNIONHUB_SERVICES_WELFARE_DOMAIN_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"

namespace unionhub::welfare {

enum class HardshipLevel { kUnspecified = 0, kDeep, kRelative, kAccident };

enum class HardshipCause {
  kUnspecified = 0,
  kIllness,
  kDisability,
  kDisaster,
  kChildEducation,
  kSingleParent,
  kUnemployment,
  kOther,
};

enum class HardshipFileStatus {
  kUnspecified = 0,
  kDraft,
  kPublicity,
  kActive,
  kExited,
};

// A set of enum values as stored: bit 1 << value for each.
template <typename Enum>
int64_t MaskOf(const std::vector<Enum>& values) {
  int64_t mask = 0;
  for (Enum v : values) mask |= int64_t{1} << static_cast<int>(v);
  return mask;
}
// The values of `mask` from 1 to `last`, ascending.
template <typename Enum>
std::vector<Enum> ValuesOf(int64_t mask, Enum last) {
  std::vector<Enum> out;
  for (int v = 1; v <= static_cast<int>(last); ++v) {
    if (mask & (int64_t{1} << v)) out.push_back(static_cast<Enum>(v));
  }
  return out;
}

// A hardship file (困难职工档案): one household, headed by a member.
struct HardshipFile {
  std::string id;
  std::string organisation_id;    // The union keeping it.
  std::string organisation_path;  // Its place in the tree.
  std::string person_id;          // The head of the household.
  std::string member_id;          // The head's membership when opened.
  int household_size = 0;
  int64_t monthly_income_per_capita_fen = 0;
  HardshipLevel level = HardshipLevel::kUnspecified;
  std::vector<HardshipCause> causes;  // Ascending, each once.
  std::string situation;
  HardshipFileStatus status = HardshipFileStatus::kUnspecified;
  std::optional<absl::CivilDay> publicity_start_date;
  std::optional<absl::CivilDay> publicity_end_date;
  std::optional<absl::CivilDay> approved_date;
  std::optional<absl::CivilDay> last_check_date;
  std::optional<absl::CivilDay> next_check_due_date;
  std::optional<absl::CivilDay> exit_date;
  std::string exit_reason;
  bool relapse = false;
  std::string previous_file_id;
  int open_objections = 0;
  absl::CivilDay opened_date;  // The day it was opened (Beijing time).
  absl::Time create_time;
  absl::Time update_time;
  std::string etag;

  // Open files (draft, publicity, active) hold their household: one at a time.
  bool open() const { return status != HardshipFileStatus::kExited; }
};

// An objection (异议) raised during a file's publicity window.
struct HardshipObjection {
  std::string id;
  std::string file_id;
  std::string organisation_path;  // The file's.
  absl::CivilDay filed_date;
  std::string content;
  std::string answer;
  std::optional<absl::CivilDay> answered_date;
  bool upheld = false;
  absl::Time create_time;

  bool answered() const { return answered_date.has_value(); }
};

// One step in a file's history.
struct HardshipFileStep {
  std::string file_id;
  std::string id;    // Time-ordered: steps sort by it.
  std::string step;  // "opened", "approved", ...
  absl::CivilDay date;
  std::string note;
  std::string key_id;
  absl::Time record_time;
};

// The most any amount may be, in fen (1,000,000,000 yuan): far above any
// union's budget, far below where sums of amounts could overflow.
inline constexpr int64_t kMaxAmountFen = 100'000'000'000;

// A union's fund for aid in one year.
struct Fund {
  std::string id;
  std::string organisation_id;
  std::string organisation_path;
  int year = 0;
  std::string name;
  int64_t budget_fen = 0;
  int64_t committed_fen = 0;  // Approved, not yet paid.
  int64_t paid_fen = 0;
  absl::Time create_time;
  absl::Time update_time;
  std::string etag;

  int64_t available_fen() const {
    return budget_fen - committed_fen - paid_fen;
  }
};

enum class CampaignKind {
  kUnspecified = 0,
  kSpringWarmth,
  kStudentAid,
  kModelWorkerAid,
  kMedicalAid,
  kOther,
};

enum class Eligibility {
  kUnspecified = 0,
  kHardshipFile,
  kActiveMembers,
  kModelWorkers,
};

enum class CampaignStatus { kUnspecified = 0, kOpen, kClosed };

struct Campaign {
  std::string id;
  std::string organisation_id;  // The fund's holder.
  std::string organisation_path;
  std::string name;
  CampaignKind kind = CampaignKind::kUnspecified;
  absl::CivilDay start_date;
  absl::CivilDay end_date;
  std::string fund_id;
  Eligibility eligibility = Eligibility::kUnspecified;
  std::vector<HardshipLevel> eligible_levels;  // Ascending, each once.
  int64_t min_amount_fen = 0;
  int64_t max_amount_fen = 0;
  int64_t cap_per_person_fen = 0;  // Never 0 once stored.
  CampaignStatus status = CampaignStatus::kUnspecified;
  absl::Time create_time;
  absl::Time update_time;
  std::string etag;
};

enum class AidApplicationStatus {
  kUnspecified = 0,
  kSubmitted,
  kReviewed,
  kApproved,
  kPaid,
  kRejected,
};

struct AidApplication {
  std::string id;
  std::string campaign_id;
  std::string campaign_path;  // The campaign's union: it reviews and pays.
  std::string person_id;
  std::string member_id;
  std::string organisation_id;  // The member's union, where it was made.
  std::string organisation_path;
  std::string hardship_file_id;
  int64_t requested_fen = 0;
  int64_t approved_fen = 0;
  std::string reason;
  AidApplicationStatus status = AidApplicationStatus::kUnspecified;
  std::string rejection_reason;
  std::string applied_by_key_id;
  absl::Time create_time;
  absl::Time update_time;
  std::string etag;
  // 金秋助学: the student this school year's award is for, the school year
  // (the campaign's start year), and when it was re-verified.
  std::string student_id;
  int school_year = 0;
  std::optional<absl::CivilDay> student_verified;
};

struct AidApplicationStep {
  std::string application_id;
  std::string id;  // Time-ordered: steps sort by it.
  std::string step;
  std::string note;
  std::string key_id;
  absl::Time record_time;
};

struct AidPayment {
  std::string id;
  std::string application_id;
  std::string campaign_id;
  CampaignKind campaign_kind = CampaignKind::kUnspecified;
  std::string fund_id;
  std::string organisation_id;  // The paying union (the campaign's).
  std::string organisation_path;
  std::string recipient_path;  // The union the application was made in.
  std::string person_id;
  int64_t amount_fen = 0;
  absl::CivilDay paid_date;
  bool flagged = false;
  std::vector<std::string> flag_reasons;
  std::string paid_by_key_id;
  absl::Time create_time;
  // Set once the payment is reversed (the money back in the fund).
  std::optional<absl::CivilDay> reversed_date;
  std::string reversal_reason;
  std::string reversed_by_key_id;
};

enum class CondolenceEvent {
  kUnspecified = 0,
  kSickness,
  kChildbirth,
  kMarriage,
  kMemberDeath,
  kRelativeDeath,
  kRetireeFestival,
  kBirthday,
};

enum class PayingLevel { kUnspecified = 0, kGroup, kSubUnion, kUnion };

enum class CondolenceForm { kUnspecified = 0, kCash, kInKind };

// A union's standard for one event, in force from effective_date until a
// newer one of the same union and event.
struct CondolenceStandard {
  std::string id;
  std::string organisation_id;
  std::string organisation_path;
  CondolenceEvent event = CondolenceEvent::kUnspecified;
  absl::CivilDay effective_date;
  int64_t min_amount_fen = 0;
  int64_t max_amount_fen = 0;
  PayingLevel paying_level = PayingLevel::kUnspecified;
  CondolenceForm form = CondolenceForm::kUnspecified;
  int max_visits_per_year = 0;   // 0: no limit.
  int64_t max_fen_per_year = 0;  // 0: no limit.
  absl::Time create_time;
};

struct CondolenceVisit {
  std::string id;
  std::string person_id;
  std::string member_id;
  std::string organisation_id;  // The member's union.
  std::string organisation_path;
  CondolenceEvent event = CondolenceEvent::kUnspecified;
  absl::CivilDay visit_date;
  int64_t amount_fen = 0;
  CondolenceForm form = CondolenceForm::kUnspecified;
  PayingLevel paying_level = PayingLevel::kUnspecified;
  std::string standard_id;
  std::string standard_organisation_id;
  std::string note;
  absl::Time create_time;
};

enum class CaseKind { kUnspecified = 0, kLetterVisit, kRights };
enum class CaseChannel { kUnspecified = 0, kLetter, kVisit, kPhone, kOnline };
enum class CaseCategory {
  kUnspecified = 0,
  kWages,
  kInjury,
  kContract,
  kSocialInsurance,
  kDismissal,
  kOther,
};
enum class CaseStatus { kUnspecified = 0, kOpen, kAssigned, kResolved };
enum class CaseSatisfaction {
  kUnspecified = 0,
  kSatisfied,
  kBasicallySatisfied,
  kUnsatisfied,
};

// A letter, visit or rights case (来信来访, 维权).
struct Case {
  std::string id;
  std::string organisation_id;  // Handling it now.
  std::string organisation_path;
  std::string received_by_organisation_id;
  std::string received_by_path;
  CaseKind kind = CaseKind::kUnspecified;
  CaseChannel channel = CaseChannel::kUnspecified;
  CaseCategory category = CaseCategory::kUnspecified;
  std::string person_id;  // Empty: not a member.
  std::string summary;
  absl::CivilDay received_date;
  absl::CivilDay due_date;
  CaseStatus status = CaseStatus::kUnspecified;
  std::string assignee;
  int escalations = 0;
  std::string outcome;
  int64_t money_recovered_fen = 0;
  std::optional<absl::CivilDay> resolved_date;
  CaseSatisfaction satisfaction = CaseSatisfaction::kUnspecified;
  absl::Time create_time;
  absl::Time update_time;
  std::string etag;

  bool resolved_late() const {
    return resolved_date && *resolved_date > due_date;
  }
};

enum class DonationPurpose {
  kUnspecified = 0,
  kCharityDay,
  kDisasterRelief,
  kColleagueIllness,
  kOther,
};
enum class DonationForm { kUnspecified = 0, kMoney, kItems };
enum class DonationDriveStatus { kUnspecified = 0, kOpen, kClosed };

// A donation drive; its totals move in the transactions that record its
// donations, receipts and allocations.
struct DonationDrive {
  std::string id;
  std::string organisation_id;
  std::string organisation_path;
  std::string name;
  DonationPurpose purpose = DonationPurpose::kUnspecified;
  absl::CivilDay start_date;
  absl::CivilDay end_date;
  DonationDriveStatus status = DonationDriveStatus::kUnspecified;
  int64_t pledged_fen = 0, received_fen = 0, allocated_fen = 0;
  int64_t pledged_items = 0, received_items = 0, allocated_items = 0;
  int64_t donations = 0;
  absl::Time create_time;
  absl::Time update_time;
  std::string etag;
};

struct Donation {
  std::string id;
  std::string drive_id;
  std::string organisation_path;  // The drive's.
  std::string person_id;
  std::string donor_unit;
  DonationForm form = DonationForm::kUnspecified;
  int64_t pledged = 0;   // Fen or items.
  int64_t received = 0;  // Never above pledged.
  std::string item_description;
  absl::CivilDay pledge_date;
  absl::Time create_time;
};

struct DonationAllocation {
  std::string id;
  std::string drive_id;
  std::string organisation_path;  // The drive's.
  std::string person_id;
  std::string beneficiary;
  DonationForm form = DonationForm::kUnspecified;
  int64_t amount = 0;
  absl::CivilDay allocation_date;
  absl::Time create_time;
};

enum class InsurancePlan { kUnspecified = 0, kAccident, kWomenDisease };
enum class ClaimStatus { kUnspecified = 0, kSubmitted, kPaid, kRejected };

struct InsuranceEnrolment {
  std::string id;
  std::string person_id;
  std::string organisation_id;  // The member's union.
  std::string organisation_path;
  InsurancePlan plan = InsurancePlan::kUnspecified;
  int year = 0;
  int64_t premium_fen = 0;
  int64_t coverage_fen = 0;
  int64_t paid_out_fen = 0;
  absl::Time create_time;
};

struct InsuranceClaim {
  std::string id;
  std::string enrolment_id;
  std::string organisation_path;  // The enrolment's.
  absl::CivilDay event_date;
  std::string description;
  int64_t claimed_fen = 0;
  ClaimStatus status = ClaimStatus::kUnspecified;
  int64_t payout_fen = 0;
  std::optional<absl::CivilDay> decision_date;
  std::string rejection_reason;
  absl::Time create_time;
};

// 金秋助学 (student aid).
enum class StudentLevel {
  kUnspecified = 0,
  kHighSchool,     // 高中
  kJuniorCollege,  // 专科
  kUndergraduate,  // 本科
};

// A member's child supported by 金秋助学; awards are aid applications naming
// it (AidApplication::student_id).
struct Student {
  std::string id;
  std::string person_id;  // The parent, a member.
  std::string organisation_id;
  std::string organisation_path;
  std::string name;  // Plain here; encrypted in the store.
  std::string school;
  StudentLevel level = StudentLevel::kUnspecified;
  int admission_year = 0;
  // Read with the student: school years with a paid award, and their sum.
  int years_supported = 0;
  int64_t paid_fen = 0;
  absl::Time create_time;
  absl::Time update_time;
  std::string etag;
};

// A school year's award: the application, its student, and which year of the
// student's support it is (1 to 4).
struct StudentAward {
  AidApplication application;
  Student student;
  int year_of_support = 0;
};

struct StudentAidSummary {
  int students_awarded = 0;
  int students_paid = 0;
  int64_t paid_fen = 0;
  int students_paid_in_four_years = 0;
  int64_t paid_fen_in_four_years = 0;
  int students_paid_several_years = 0;
};

// At most this many school years of awards per student.
inline constexpr int kMaxStudentAwardYears = 4;

}  // namespace unionhub::welfare

#endif  // UNIONHUB_SERVICES_WELFARE_DOMAIN_H_
