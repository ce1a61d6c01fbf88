#include "services/membership/scope.h"

#include "absl/strings/str_cat.h"
#include "libs/auth/visible.h"
#include "libs/base/ids.h"
#include "libs/base/status_macros.h"

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

ListRequest ParseListRequest(Violations& v, const auth::Caller& caller,
                             absl::string_view organisation_id, int page_size,
                             absl::string_view page_token, char token_kind,
                             size_t position_parts) {
  ListRequest r;
  absl::StatusOr<int> size = PageSize(page_size);
  v.Merge("page_size", size.status());
  r.page_size = size.ok() ? *size : 0;
  if (!page_token.empty()) {
    auto position = DecodePageToken(token_kind, page_token, position_parts);
    v.Merge("page_token", position.status());
    if (position.ok()) r.position = *std::move(position);
  }
  r.root_id = std::string(organisation_id.empty() ? caller.organisation_id
                                                  : organisation_id);
  v.Merge("organisation_id", CheckId("organisation_id", r.root_id));
  return r;
}

}  // namespace unionhub::membership
