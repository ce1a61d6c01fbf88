#include "services/membership/domain.h"

#include "libs/base/clock.h"

namespace unionhub::membership {

bool TakesMembers(OrganisationType type) {
  return type == OrganisationType::kGrassroots ||
         type == OrganisationType::kSubUnion ||
         type == OrganisationType::kUnionGroup;
}

bool HoldsMembership(MemberStatus status) {
  return status == MemberStatus::kActive || status == MemberStatus::kRetired;
}

absl::CivilDay CommitteeTerm::due_date() const {
  return YearsAfter(start_date, length_years);
}

bool SinglePosition(OfficerPosition position) {
  return position == OfficerPosition::kChair ||
         position == OfficerPosition::kWomenCommitteeDirector ||
         position == OfficerPosition::kAuditCommitteeDirector;
}

int Rate::basis_points() const {
  if (denominator <= 0) return 0;
  return static_cast<int>((numerator * 20000 + denominator) /
                          (2 * denominator));
}

}  // namespace unionhub::membership
