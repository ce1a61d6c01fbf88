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
  int sequence = 0;  // 1, 2, ... per file.
  std::string step;  // "opened", "approved", ...
  absl::CivilDay date;
  std::string note;
  std::string key_id;
  absl::Time record_time;
};

}  // namespace unionhub::welfare

#endif  // UNIONHUB_SERVICES_WELFARE_DOMAIN_H_
