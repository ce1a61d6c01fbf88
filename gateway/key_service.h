// API keys as a service: authenticating a presented secret (with a short
// cache, since every call needs it), and issuing, listing and revoking keys
// within the caller's subtree.
#ifndef UNIONHUB_GATEWAY_KEY_SERVICE_H_
#define UNIONHUB_GATEWAY_KEY_SERVICE_H_

#include <memory>
#include <optional>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/synchronization/mutex.h"
#include "gateway/api_key.h"
#include "gateway/key_store.h"
#include "libs/auth/principal.h"
#include "libs/base/clock.h"
#include "libs/base/paging.h"
#include "libs/outbox/idempotency.h"
#include "libs/sql/database.h"

namespace unionhub::gateway {

struct OrganisationRef {
  std::string id;
  std::string path;
};

// What the gateway needs to know of the organisation tree, which membership
// owns.
class OrganisationDirectory {
 public:
  virtual ~OrganisationDirectory() = default;
  // The root federation.
  virtual absl::StatusOr<OrganisationRef> Root() = 0;
  // Organisation `id` as `caller` sees it: NOT_FOUND outside its subtree.
  virtual absl::StatusOr<OrganisationRef> Find(const auth::Caller& caller,
                                               absl::string_view id) = 0;
};

struct IssueKeyRequest {
  outbox::RequestKey idempotency;  // outbox::RequestKeyOf the request.
  std::string organisation_id;
  auth::Role role = auth::Role::kUnspecified;
  std::string display_name;
  std::optional<absl::Time> expire_time;
};

struct IssuedKey {
  ApiKey key;
  std::string secret;  // Empty when the request was a retry.
};

struct KeyQuery {
  std::string organisation_id;
  bool include_inactive = false;
  int page_size = 0;
  std::string page_token;
};

inline constexpr size_t kMaxDisplayName = 100;
inline constexpr size_t kMaxRevokeReason = 200;

class KeyService final {
 public:
  // Authentication results are cached for `cache_ttl`: a key revoked on
  // another gateway replica stops working there within that time (on this
  // one, at once). Unknown ids are remembered as long.
  KeyService(sql::Database* db, OrganisationDirectory* directory,
             const Clock* clock, absl::Duration cache_ttl);

  // The caller behind an `authorization` header value. UNAUTHENTICATED when it
  // is missing, malformed, unknown, revoked or expired.
  absl::StatusOr<auth::Caller> Authenticate(absl::string_view authorization);

  absl::StatusOr<IssuedKey> Issue(const auth::Caller& caller,
                                  const IssueKeyRequest& request);
  absl::StatusOr<Page<ApiKey>> List(const auth::Caller& caller,
                                    const KeyQuery& query);
  absl::StatusOr<ApiKey> Revoke(const auth::Caller& caller,
                                absl::string_view id, absl::string_view reason);
  // The caller's own key.
  absl::StatusOr<ApiKey> WhoAmI(const auth::Caller& caller);

  // On a fresh install (no key was ever issued), stores a federation-admin
  // key for the root organisation: `secret` when given (from a secret file),
  // else a new one. Returns the secret it created, or empty when it created
  // none (keys exist, or the secret was given).
  absl::StatusOr<std::string> Bootstrap(absl::string_view secret);

 private:
  absl::StatusOr<std::shared_ptr<const ApiKey>> LoadKey(absl::string_view id);
  void Forget(absl::string_view id);
  absl::Time Now() const;

  sql::Database* db_;
  OrganisationDirectory* directory_;
  const Clock* clock_;
  absl::Duration cache_ttl_;
  KeyStore store_;

  struct CacheEntry {
    std::shared_ptr<const ApiKey> key;
    absl::Time loaded;
  };
  absl::Mutex mu_;
  absl::flat_hash_map<std::string, CacheEntry> cache_ ABSL_GUARDED_BY(mu_);
  // Ids found to be unknown, and when: a flood of made-up keys costs one
  // database read per id and cache period, and cannot push real keys out.
  absl::flat_hash_map<std::string, absl::Time> unknown_ ABSL_GUARDED_BY(mu_);
};

// Ranks roles for "no higher than yours"; SERVICE and UNSPECIFIED rank 0.
int RoleRank(auth::Role role);

}  // namespace unionhub::gateway

#endif  // UNIONHUB_GATEWAY_KEY_SERVICE_H_
