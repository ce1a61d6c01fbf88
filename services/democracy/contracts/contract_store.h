// Repository of collective contracts.
#ifndef UNIONHUB_SERVICES_DEMOCRACY_CONTRACTS_CONTRACT_STORE_H_
#define UNIONHUB_SERVICES_DEMOCRACY_CONTRACTS_CONTRACT_STORE_H_

#include <optional>
#include <string>
#include <vector>

#include "libs/sql/database.h"
#include "services/democracy/domain.h"

namespace unionhub::democracy {

class ContractStore final {
 public:
  absl::StatusOr<std::optional<CollectiveContract>> Find(sql::Session& s,
                                                         absl::string_view id);
  absl::Status Insert(sql::Session& s, const CollectiveContract& c);
  // Status, approval and renewal.
  absl::Status Update(sql::Session& s, const CollectiveContract& c);
  // `in_force_on` set keeps the approved ones whose term holds that day.
  absl::StatusOr<std::vector<CollectiveContract>> List(
      sql::Session& s, absl::string_view under_path, ContractKind kind,
      std::optional<absl::CivilDay> in_force_on, absl::string_view before_id,
      int limit);
  // Approved, not renewed, ending in [from, to], soonest first.
  absl::StatusOr<std::vector<CollectiveContract>> Ending(
      sql::Session& s, absl::string_view under_path, absl::CivilDay from,
      absl::CivilDay to, int limit);
};

}  // namespace unionhub::democracy

#endif  // UNIONHUB_SERVICES_DEMOCRACY_CONTRACTS_CONTRACT_STORE_H_
