// The membership domain as plain C++: what the service logic works on. Enum
// values equal those of the protos, so the handlers convert with a cast.
#ifndef UNIONHUB_SERVICES_MEMBERSHIP_DOMAIN_H_
#define UNIONHUB_SERVICES_MEMBERSHIP_DOMAIN_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "libs/base/paging.h"

namespace unionhub::membership {

// Ordered by level: a child's type is always greater than its parent's.
enum class OrganisationType {
  kUnspecified = 0,
  kFederation = 1,  // 市总工会
  kDistrict = 2,    // 区/县总工会
  kIndustry = 3,    // 行业/教育工会
  kGrassroots = 4,  // 基层工会
  kSubUnion = 5,    // 分工会
  kUnionGroup = 6,  // 工会小组
};
enum class OrganisationState { kUnspecified = 0, kActive = 1, kClosed = 2 };

struct Organisation {
  std::string id;
  std::string parent_id;  // Empty for the root.
  std::string name;
  OrganisationType type = OrganisationType::kUnspecified;
  std::string path;  // "/<root id>/.../<id>/"
  OrganisationState state = OrganisationState::kUnspecified;
  absl::Time create_time;
  absl::Time update_time;
  std::string etag;
};

// Members are registered with grassroots unions and the units below them.
bool TakesMembers(OrganisationType type);

enum class EmploymentType {
  kUnspecified = 0,
  kStaff = 1,
  kContract = 2,
  kAgency = 3,
  kMigrant = 4,
  kOther = 5
};
enum class MemberStatus {
  kUnspecified = 0,
  kActive = 1,
  kRetired = 2,
  kTransferredOut = 3,
  kLeft = 4,
  kDeceased = 5
};
enum class Sex { kUnspecified = 0, kMale = 1, kFemale = 2 };

// Active and retired members hold their membership; the others have ended it.
bool HoldsMembership(MemberStatus status);

struct Member {
  std::string id;
  // The real person (one per ID number), the same across their transfers and
  // re-registrations; what other services refer to people by.
  std::string person_id;
  std::string organisation_id;
  std::string organisation_path;
  std::string name;
  std::string
      id_number;  // Plain text here; encrypted at rest, masked by the handler.
  std::string phone;  // Likewise.
  Sex sex = Sex::kUnspecified;
  absl::CivilDay birth_date;
  EmploymentType employment_type = EmploymentType::kUnspecified;
  absl::CivilDay join_date;
  MemberStatus status = MemberStatus::kUnspecified;
  absl::CivilDay status_date;
  std::string transferred_from_member_id;
  std::string transferred_to_member_id;
  std::string created_by_key_id;  // Who registered it (or transferred it in).
  absl::Time create_time;
  absl::Time update_time;
  std::string etag;
};

struct MemberStatusChange {
  std::string member_id;
  MemberStatus from_status = MemberStatus::kUnspecified;
  MemberStatus to_status = MemberStatus::kUnspecified;
  absl::CivilDay effective_date;
  std::string reason;
  std::string organisation_id;
  std::string actor_key_id;
  absl::Time record_time;
};

// ------------------------------------------------------------ committees
// (换届选举)

enum class OfficerPosition {
  kUnspecified = 0,
  kChair = 1,
  kViceChair = 2,
  kWomenCommitteeDirector = 3,
  kAuditCommitteeDirector = 4,
  kCommitteeMember = 5
};
enum class CommitteeTermState { kUnspecified = 0, kCurrent = 1, kEnded = 2 };

struct Election {
  absl::CivilDay election_date;
  int eligible_voters = 0;  // 应到会有选举权人数
  int voters_present = 0;   // 实到
  std::string method;
};

struct CommitteeTerm {
  std::string id;
  std::string organisation_id;
  std::string organisation_path;
  int term_number = 0;
  absl::CivilDay start_date;
  int length_years = 0;
  Election election;
  CommitteeTermState state = CommitteeTermState::kUnspecified;
  std::optional<absl::CivilDay> end_date;
  absl::Time create_time;

  absl::CivilDay due_date() const;  // start_date plus length_years.
};

struct Officer {
  std::string id;
  std::string term_id;
  std::string member_id;
  std::string member_name;
  OfficerPosition position = OfficerPosition::kUnspecified;
  int votes_for = 0;
  absl::CivilDay start_date;
  std::optional<absl::CivilDay> end_date;
  std::string end_reason;
};

// Positions a term has at most one (sitting) holder of.
bool SinglePosition(OfficerPosition position);

// ---------------------------------------------------------- union founding
// (建会)

enum class UnionFoundingStatus {
  kUnspecified = 0,
  kNotStarted = 1,
  kApplied = 2,
  kFounded = 3
};

struct Enterprise {
  std::string id;
  std::string organisation_id;  // The union keeping the register entry.
  std::string organisation_path;
  std::string name;
  std::string credit_code;  // 统一社会信用代码, may be empty.
  int employees = 0;
  bool required_to_found = false;
  UnionFoundingStatus founding_status = UnionFoundingStatus::kUnspecified;
  std::optional<absl::CivilDay> applied_date;
  std::optional<absl::CivilDay> founded_date;
  std::string union_organisation_id;
  std::string union_organisation_path;
  absl::Time create_time;
  absl::Time update_time;
  std::string etag;
};

// A share kept exactly, with its value in basis points (rounded half up).
struct Rate {
  int64_t numerator = 0;
  int64_t denominator = 0;
  int basis_points() const;
};

struct FoundingStatistics {
  int64_t enterprises = 0;
  int64_t required_to_found = 0;
  int64_t founded = 0;  // Of the required ones.
  int64_t applied = 0;  // Of the required ones, applied but not founded.
  int64_t employees_of_founded = 0;
  int64_t members_of_founded = 0;
  Rate founding_rate() const { return {founded, required_to_found}; }
  Rate application_rate() const {
    return {applied + founded, required_to_found};
  }
  Rate membership_rate() const {
    return {members_of_founded, employees_of_founded};
  }
};

// ------------------------------------------------------------- model workers
// (劳模)

enum class ModelWorkerLevel {
  kUnspecified = 0,
  kNational = 1,
  kProvincial = 2,
  kCity = 3
};
enum class HardshipCause {
  kUnspecified = 0,
  kIllness = 1,
  kDisaster = 2,
  kChildEducation = 3,
  kSingleParent = 4,
  kOther = 5
};

struct ModelWorker {
  std::string id;
  std::string person_id;          // Whose record it is, through transfers.
  std::string member_id;          // The membership they hold, else newest.
  std::string member_name;        // From the member record.
  std::string organisation_id;    // Likewise.
  std::string organisation_path;  // Likewise.
  ModelWorkerLevel level = ModelWorkerLevel::kUnspecified;
  std::string title;
  int award_year = 0;
  std::vector<HardshipCause> hardship_causes;  // Empty: not in hardship.
  std::string notes;
  absl::Time create_time;
  absl::Time update_time;
  std::string etag;
};

// ------------------------------------------------------ activities and honours

enum class ActivityKind {
  kUnspecified = 0,
  kSports = 1,
  kCulture = 2,
  kCompetition = 3,
  kVolunteer = 4,
  kBloodDonation = 5,
  kHealthCheck = 6,
  kOuting = 7,
  kTraining = 8,
  kCelebration = 9,
  kOther = 10
};
enum class HonourLevel {
  kUnspecified = 0,
  kNational = 1,
  kProvincial = 2,
  kCity = 3,
  kDistrict = 4,
  kUnit = 5
};

struct Activity {
  std::string id;
  std::string organisation_id;
  std::string organisation_path;
  std::string name;
  ActivityKind kind = ActivityKind::kUnspecified;
  absl::CivilDay start_date;
  absl::CivilDay end_date;
  std::string location;
  std::string description;
  int participant_count = 0;  // Counted on read.
  absl::Time create_time;
};

struct Participation {
  std::string activity_id;
  std::string member_id;
  std::string member_name;  // From the member record.
  std::string award;
  std::string note;
};

struct Honour {
  std::string id;
  std::string organisation_id;
  std::string organisation_path;
  std::string member_id;  // Empty for a collective honour.
  std::string title;
  HonourLevel level = HonourLevel::kUnspecified;
  std::string awarded_by;
  absl::CivilDay award_date;
  absl::Time create_time;
};

using unionhub::Page;

// What a roster import did (or, validating only, would do).
struct RowError {
  int64_t row = 0;
  std::string field;
  std::string description;
};

struct ImportReport {
  int64_t rows_read = 0;
  int64_t rows_imported = 0;
  int64_t rows_rejected = 0;
  std::vector<RowError> errors;  // At most kMaxReportedErrors.
  bool errors_truncated = false;
  bool committed = false;
  static constexpr size_t kMaxReportedErrors = 1000;
};

}  // namespace unionhub::membership

#endif  // UNIONHUB_SERVICES_MEMBERSHIP_DOMAIN_H_
