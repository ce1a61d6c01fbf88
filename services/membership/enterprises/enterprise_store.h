// Repository of the union-founding register.
#ifndef UNIONHUB_SERVICES_MEMBERSHIP_ENTERPRISES_ENTERPRISE_STORE_H_
#define UNIONHUB_SERVICES_MEMBERSHIP_ENTERPRISES_ENTERPRISE_STORE_H_

#include <optional>
#include <vector>

#include "libs/sql/database.h"
#include "services/membership/domain.h"

namespace unionhub::membership {

struct EnterpriseFilter {
  std::string under_path;  // Enterprises kept anywhere in this subtree.
  UnionFoundingStatus status = UnionFoundingStatus::kUnspecified;
  bool only_required = false;
  std::string after_name;  // Keyset: after (after_name, after_id).
  std::string after_id;
  int limit = 50;
};

class EnterpriseStore final {
 public:
  absl::StatusOr<std::optional<Enterprise>> Find(sql::Session& s,
                                                 absl::string_view id);
  // ALREADY_EXISTS (a storage error) when the credit code is registered
  // already.
  absl::Status Insert(sql::Session& s, const Enterprise& e);
  absl::Status Update(sql::Session& s, const Enterprise& e);
  absl::StatusOr<std::vector<Enterprise>> List(sql::Session& s,
                                               const EnterpriseFilter& f);
  // Counts over the register of a subtree, and the active members of the unions
  // the founded enterprises registered.
  absl::StatusOr<FoundingStatistics> Statistics(sql::Session& s,
                                                absl::string_view under_path);
};

}  // namespace unionhub::membership

#endif  // UNIONHUB_SERVICES_MEMBERSHIP_ENTERPRISES_ENTERPRISE_STORE_H_
