// Where a List's subtree lies: the caller's own path, or the path of the
// organisation named (asked of membership, which refuses what the caller may
// not see).
#ifndef UNIONHUB_SERVICES_WELFARE_SUBTREE_H_
#define UNIONHUB_SERVICES_WELFARE_SUBTREE_H_

#include <string>
#include <vector>

#include "absl/strings/str_split.h"
#include "libs/auth/principal.h"
#include "libs/clients/membership_client.h"

namespace unionhub::welfare {

// The organisations on `path` ("/<root>/.../<id>/"), root first.
inline std::vector<std::string> PathIds(absl::string_view path) {
  return absl::StrSplit(path, '/', absl::SkipEmpty());
}

inline absl::StatusOr<std::string> SubtreePath(
    clients::MembershipClient& membership, const auth::Caller& caller,
    absl::string_view field, absl::string_view organisation_id) {
  if (organisation_id == caller.organisation_id)
    return caller.organisation_path;
  absl::StatusOr<clients::OrganisationRef> root =
      membership.GetOrganisation(caller, field, organisation_id);
  if (!root.ok()) return root.status();
  return root->path;
}

}  // namespace unionhub::welfare

#endif  // UNIONHUB_SERVICES_WELFARE_SUBTREE_H_
