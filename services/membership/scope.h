// What a caller may see: records whose organisation lies in its subtree.
// Anything else is NOT_FOUND, exactly as if it did not exist, so other tenants'
// ids reveal nothing.
#ifndef UNIONHUB_SERVICES_MEMBERSHIP_SCOPE_H_
#define UNIONHUB_SERVICES_MEMBERSHIP_SCOPE_H_

#include <string>
#include <vector>

#include "libs/auth/principal.h"
#include "libs/base/errors.h"
#include "libs/base/paging.h"
#include "services/membership/store.h"

namespace unionhub::membership {

// Also checks the id's form, naming `field`.
absl::StatusOr<Organisation> VisibleOrganisation(Store& store, sql::Session& s,
                                                 const auth::Caller& caller,
                                                 absl::string_view field,
                                                 absl::string_view id);
absl::StatusOr<Member> VisibleMember(Store& store, sql::Session& s,
                                     const auth::Caller& caller,
                                     absl::string_view field,
                                     absl::string_view id);

// The part every List over a subtree shares: the page size, the keyset position
// from the page token, and the root organisation (the caller's own when none is
// named). Problems go into `v`, so the caller reports them with its own.
struct ListRequest {
  int page_size = 0;
  std::vector<std::string> position;  // Empty on the first page.
  std::string root_id;
};
ListRequest ParseListRequest(Violations& v, const auth::Caller& caller,
                             absl::string_view organisation_id, int page_size,
                             absl::string_view page_token, char token_kind,
                             size_t position_parts);

// Cuts rows fetched with a limit of page_size + 1 to one page; the extra row,
// if any, says another page exists, whose token holds position_of(last row on
// this page).
template <typename T, typename PositionOf>
Page<T> MakePage(std::vector<T> rows, int page_size, char token_kind,
                 PositionOf position_of) {
  Page<T> page;
  if (rows.size() > static_cast<size_t>(page_size)) {
    rows.resize(page_size);
    page.next_page_token =
        EncodePageToken(token_kind, position_of(rows.back()));
  }
  page.items = std::move(rows);
  return page;
}

}  // namespace unionhub::membership

#endif  // UNIONHUB_SERVICES_MEMBERSHIP_SCOPE_H_
