// Repository of hardship files, their objections and their history.
#ifndef UNIONHUB_SERVICES_WELFARE_HARDSHIP_HARDSHIP_STORE_H_
#define UNIONHUB_SERVICES_WELFARE_HARDSHIP_HARDSHIP_STORE_H_

#include <optional>
#include <string>
#include <vector>

#include "libs/sql/database.h"
#include "services/welfare/domain.h"

namespace unionhub::welfare {

struct HardshipFileFilter {
  std::string under_path;  // Files kept anywhere in this subtree.
  HardshipFileStatus status = HardshipFileStatus::kUnspecified;
  HardshipLevel level = HardshipLevel::kUnspecified;
  HardshipCause cause = HardshipCause::kUnspecified;
  // Active files whose re-check was due before this day.
  std::optional<absl::CivilDay> recheck_due_before;
  std::string person_id;
  // Active files whose household had no aid payment in this year (0: any).
  int not_helped_in_year = 0;
  std::string before_id;  // Keyset: newest first, ids below this one.
  int limit = 50;
};

class HardshipStore final {
 public:
  absl::StatusOr<std::optional<HardshipFile>> Find(sql::Session& s,
                                                   absl::string_view id);
  // ALREADY_EXISTS (a storage error) when the household has an open file.
  absl::Status Insert(sql::Session& s, const HardshipFile& f);
  absl::Status Update(sql::Session& s, const HardshipFile& f);
  absl::StatusOr<std::vector<HardshipFile>> List(sql::Session& s,
                                                 const HardshipFileFilter& f);
  // The person's file that is open, if any.
  absl::StatusOr<std::optional<HardshipFile>> FindOpen(
      sql::Session& s, absl::string_view person_id);
  // The person's latest exit on or after `since`, if any.
  absl::StatusOr<std::optional<HardshipFile>> FindExitSince(
      sql::Session& s, absl::string_view person_id, absl::CivilDay since);

  absl::StatusOr<std::optional<HardshipObjection>> FindObjection(
      sql::Session& s, absl::string_view id);
  absl::Status InsertObjection(sql::Session& s, const HardshipObjection& o);
  absl::Status UpdateObjection(sql::Session& s, const HardshipObjection& o);
  // Oldest first, ids after `after_id`.
  absl::StatusOr<std::vector<HardshipObjection>> ListObjections(
      sql::Session& s, absl::string_view file_id, absl::string_view after_id,
      int limit);

  // Appends a step (its id made here, so later steps sort after it).
  absl::Status AppendStep(sql::Session& s, HardshipFileStep step);
  // Oldest first, after the step `after_id` (empty: from the first).
  absl::StatusOr<std::vector<HardshipFileStep>> ListSteps(
      sql::Session& s, absl::string_view file_id, absl::string_view after_id,
      int limit);
};

}  // namespace unionhub::welfare

#endif  // UNIONHUB_SERVICES_WELFARE_HARDSHIP_HARDSHIP_STORE_H_
