// What a caller may see: records whose organisation lies in its subtree.
// Anything else is NOT_FOUND, exactly as if it did not exist, so other tenants'
// ids reveal nothing.
#ifndef UNIONHUB_SERVICES_MEMBERSHIP_SCOPE_H_
#define UNIONHUB_SERVICES_MEMBERSHIP_SCOPE_H_

#include <string>
#include <vector>

#include "libs/auth/principal.h"
#include "libs/base/errors.h"
#include "libs/base/paging.h"
#include "services/membership/store.h"

namespace unionhub::membership {

// Also checks the id's form, naming `field`.
absl::StatusOr<Organisation> VisibleOrganisation(Store& store, sql::Session& s,
                                                 const auth::Caller& caller,
                                                 absl::string_view field,
                                                 absl::string_view id);
absl::StatusOr<Member> VisibleMember(Store& store, sql::Session& s,
                                     const auth::Caller& caller,
                                     absl::string_view field,
                                     absl::string_view id);

}  // namespace unionhub::membership

#endif  // UNIONHUB_SERVICES_MEMBERSHIP_SCOPE_H_
