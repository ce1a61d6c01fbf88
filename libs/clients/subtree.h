// Where a caller's request lies in the tree, asked of membership for the
// services that keep no organisations of their own (welfare, democracy).
#ifndef UNIONHUB_LIBS_CLIENTS_SUBTREE_H_
#define UNIONHUB_LIBS_CLIENTS_SUBTREE_H_

#include <string>
#include <vector>

#include "absl/strings/str_split.h"
#include "libs/auth/principal.h"
#include "libs/clients/membership_client.h"
#include "libs/outbox/audit_history.h"

namespace unionhub::clients {

// The organisations on `path` ("/<root>/.../<id>/"), root first.
inline std::vector<std::string> PathIds(absl::string_view path) {
  return absl::StrSplit(path, '/', absl::SkipEmpty());
}

// Where a List's subtree lies: the caller's own path, or the path of the
// organisation named (asked of membership, which refuses what the caller may
// not see).
inline absl::StatusOr<std::string> SubtreePath(
    MembershipClient& membership, const auth::Caller& caller,
    absl::string_view field, absl::string_view organisation_id) {
  if (organisation_id == caller.organisation_id)
    return caller.organisation_path;
  absl::StatusOr<OrganisationRef> root =
      membership.GetOrganisation(caller, field, organisation_id);
  if (!root.ok()) return root.status();
  return root->path;
}

// Where an organisation the caller may see lies in the tree, for an audit
// history service (libs/outbox/audit_history.h).
inline outbox::OrganisationPathOf OrganisationPaths(
    MembershipClient* membership) {
  return [membership](const auth::Caller& caller, absl::string_view field,
                      const std::string& id) -> absl::StatusOr<std::string> {
    return SubtreePath(*membership, caller, field, id);
  };
}

}  // namespace unionhub::clients

#endif  // UNIONHUB_LIBS_CLIENTS_SUBTREE_H_
