#include "services/membership/scope.h"

#include "absl/strings/str_cat.h"
#include "libs/base/ids.h"
#include "libs/base/status_macros.h"

namespace unionhub::membership {

absl::StatusOr<Organisation> VisibleOrganisation(Store& store, sql::Session& s,
                                                 const auth::Caller& caller,
                                                 absl::string_view field,
                                                 absl::string_view id) {
  RETURN_IF_ERROR(CheckId(field, id));
  ASSIGN_OR_RETURN(std::optional<Organisation> o,
                   store.FindOrganisation(s, id));
  if (!o || !caller.Covers(o->path)) {
    return absl::NotFoundError(absl::StrCat("organisation ", id, " not found"));
  }
  return *o;
}

absl::StatusOr<Member> VisibleMember(Store& store, sql::Session& s,
                                     const auth::Caller& caller,
                                     absl::string_view field,
                                     absl::string_view id) {
  RETURN_IF_ERROR(CheckId(field, id));
  ASSIGN_OR_RETURN(std::optional<Member> m, store.FindMember(s, id));
  if (!m || !caller.Covers(m->organisation_path)) {
    return absl::NotFoundError(absl::StrCat("member ", id, " not found"));
  }
  return *m;
}

}  // namespace unionhub::membership
