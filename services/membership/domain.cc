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

absl::CivilDay CommitteeTerm::due_date() const {
  absl::CivilDay due(start_date.year() + length_years, start_date.month(),
                     start_date.day());
  return due;  // 29 February rolls over to 1 March, as a calendar would.
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
