#include "services/membership/domain.h"

namespace unionhub::membership {

bool TakesMembers(OrganisationType type) {
  return type == OrganisationType::kGrassroots ||
         type == OrganisationType::kSubUnion ||
         type == OrganisationType::kUnionGroup;
}

bool HoldsMembership(MemberStatus status) {
  return status == MemberStatus::kActive || status == MemberStatus::kRetired;
}
}  // namespace unionhub::membership
