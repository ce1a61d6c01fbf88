#include "services/welfare/audit_handler.h"

namespace unionhub::welfare {

outbox::OrganisationPathOf OrganisationPaths(
    clients::MembershipClient* membership) {
  return [membership](const auth::Caller& caller, absl::string_view field,
                      const std::string& id) -> absl::StatusOr<std::string> {
    absl::StatusOr<clients::OrganisationRef> found =
        membership->GetOrganisation(caller, field, id);
    if (!found.ok()) return found.status();
    return found->path;
  };
}

}  // namespace unionhub::welfare
