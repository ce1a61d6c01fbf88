#include "services/membership/audit_handler.h"

#include "absl/strings/str_cat.h"

namespace unionhub::membership {

outbox::OrganisationPathOf OrganisationPaths(Organisations* service) {
  return [service](const auth::Caller& caller, absl::string_view field,
                   const std::string& id) -> absl::StatusOr<std::string> {
    absl::StatusOr<Organisation> found = service->GetOrganisation(caller, id);
    if (!found.ok()) {
      return absl::Status(found.status().code(),
                          absl::StrCat(field, ": ", found.status().message()));
    }
    return found->path;
  };
}

}  // namespace unionhub::membership
