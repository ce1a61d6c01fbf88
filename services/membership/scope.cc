#include "services/membership/scope.h"

#include "libs/auth/visible.h"

namespace unionhub::membership {

absl::StatusOr<Organisation> VisibleOrganisation(Store& store, sql::Session& s,
                                                 const auth::Caller& caller,
                                                 absl::string_view field,
                                                 absl::string_view id) {
  return auth::FindVisible(
      caller, "organisation", field, id, &Organisation::path,
      [&](absl::string_view id) { return store.FindOrganisation(s, id); });
}

absl::StatusOr<Member> VisibleMember(Store& store, sql::Session& s,
                                     const auth::Caller& caller,
                                     absl::string_view field,
                                     absl::string_view id) {
  return auth::FindVisible(
      caller, "member", field, id, &Member::organisation_path,
      [&](absl::string_view id) { return store.FindMember(s, id); });
}

}  // namespace unionhub::membership
