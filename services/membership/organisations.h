// The organisation tree: founding, renaming and closing unions under the
// levels DOMAIN.md gives, each tenant seeing only its subtree. Works over the
// repository and returns absl::Status; knows nothing of gRPC. Every change
// writes an outbox event and an audit record in its own transaction.
#ifndef UNIONHUB_SERVICES_MEMBERSHIP_ORGANISATIONS_H_
#define UNIONHUB_SERVICES_MEMBERSHIP_ORGANISATIONS_H_

#include <optional>
#include <string>
#include <vector>

#include "libs/auth/principal.h"
#include "libs/base/clock.h"
#include "libs/base/errors.h"
#include "libs/outbox/idempotency.h"
#include "libs/sql/database.h"
#include "services/membership/domain.h"
#include "services/membership/store.h"

namespace unionhub::membership {

struct NewOrganisation {
  std::string parent_id;
  std::string name;
  OrganisationType type = OrganisationType::kUnspecified;
};

struct OrganisationQuery {
  std::string parent_id;  // Empty: the caller's own organisation.
  bool include_descendants = false;
  bool include_closed = false;
  int page_size = 0;
  std::string page_token;
};

// OK when `org` may register members: open, and a grassroots union, sub-union
// or union group; FAILED_PRECONDITION saying why not.
absl::Status CheckTakesMembers(const Organisation& org);

class Organisations final {
 public:
  Organisations(sql::Database* db, Store* store, const Clock* clock)
      : db_(db), store_(store), clock_(clock) {}

  // Creates the root federation named `name` on a fresh install; returns the
  // root.
  absl::StatusOr<Organisation> EnsureRoot(absl::string_view name);

  absl::StatusOr<Organisation> CreateOrganisation(
      const auth::Caller& caller, const outbox::RequestKey& idempotency,
      const NewOrganisation& request);
  // The root federation; NOT_FOUND before EnsureRoot ran.
  absl::StatusOr<Organisation> GetRootOrganisation();
  absl::StatusOr<Organisation> GetOrganisation(const auth::Caller& caller,
                                               absl::string_view id);
  absl::StatusOr<Page<Organisation>> ListOrganisations(
      const auth::Caller& caller, const OrganisationQuery& query);
  absl::StatusOr<Organisation> RenameOrganisation(const auth::Caller& caller,
                                                  absl::string_view id,
                                                  absl::string_view name,
                                                  absl::string_view etag);
  absl::StatusOr<Organisation> CloseOrganisation(const auth::Caller& caller,
                                                 absl::string_view id,
                                                 absl::string_view etag);

 private:
  sql::Database* db_;
  Store* store_;
  const Clock* clock_;
};

}  // namespace unionhub::membership

#endif  // UNIONHUB_SERVICES_MEMBERSHIP_ORGANISATIONS_H_
