// The api_keys table.
#ifndef UNIONHUB_GATEWAY_KEY_STORE_H_
#define UNIONHUB_GATEWAY_KEY_STORE_H_

#include <optional>
#include <string>
#include <vector>

#include "gateway/api_key.h"
#include "libs/sql/database.h"

namespace unionhub::gateway {

struct KeyListQuery {
  std::string path_prefix;  // Keys bound to this subtree.
  bool include_inactive = false;
  absl::Time now;  // What "inactive" is measured against.
  // Keyset position: keys after (path, id).
  std::string after_path;
  std::string after_id;
  int limit = 0;
};

class KeyStore final {
 public:
  absl::Status Insert(sql::Session& s, const ApiKey& key);
  absl::StatusOr<std::optional<ApiKey>> Find(sql::Session& s,
                                             absl::string_view id);
  absl::StatusOr<std::vector<ApiKey>> List(sql::Session& s,
                                           const KeyListQuery& query);
  absl::Status Revoke(sql::Session& s, const ApiKey& revoked);
  // Whether any key was ever issued (revoked ones count).
  absl::StatusOr<bool> Any(sql::Session& s);
  // Active federation-admin keys bound to `organisation_id`.
  absl::StatusOr<int64_t> CountActiveAdmins(sql::Session& s,
                                            absl::string_view organisation_id,
                                            absl::Time now);
};

}  // namespace unionhub::gateway

#endif  // UNIONHUB_GATEWAY_KEY_STORE_H_
