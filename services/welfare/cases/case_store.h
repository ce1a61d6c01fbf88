// Repository of letters, visits and rights cases, and unions' promises.
#ifndef UNIONHUB_SERVICES_WELFARE_CASES_CASE_STORE_H_
#define UNIONHUB_SERVICES_WELFARE_CASES_CASE_STORE_H_

#include <optional>
#include <string>
#include <vector>

#include "libs/sql/database.h"
#include "services/welfare/domain.h"

namespace unionhub::welfare {

struct CaseFilter {
  std::string under_path;  // Handled, or received, in this subtree.
  CaseKind kind = CaseKind::kUnspecified;
  CaseStatus status = CaseStatus::kUnspecified;
  // Unresolved cases due before this day.
  std::optional<absl::CivilDay> due_before;
  std::string before_id;
  int limit = 50;
};

class CaseStore final {
 public:
  absl::StatusOr<std::optional<Case>> Find(sql::Session& s,
                                           absl::string_view id);
  absl::Status Insert(sql::Session& s, const Case& c);
  absl::Status Update(sql::Session& s, const Case& c);
  absl::StatusOr<std::vector<Case>> List(sql::Session& s, const CaseFilter& f);
  // The promise of the deepest of `organisation_ids` (root first) that set
  // one, if any.
  absl::StatusOr<std::optional<int>> PromiseDays(
      sql::Session& s, const std::vector<std::string>& organisation_ids);
  absl::Status SetPromise(sql::Session& s, absl::string_view organisation_id,
                          int days, absl::Time now);
};

}  // namespace unionhub::welfare

#endif  // UNIONHUB_SERVICES_WELFARE_CASES_CASE_STORE_H_
