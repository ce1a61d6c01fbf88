// The one rule every service keeps for reading by id: a record is the caller's
// to see when its organisation lies in the caller's subtree. Anything else is
// NOT_FOUND, worded exactly as if it did not exist, so another tenant's ids
// reveal nothing.
#ifndef UNIONHUB_LIBS_AUTH_VISIBLE_H_
#define UNIONHUB_LIBS_AUTH_VISIBLE_H_

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "libs/auth/principal.h"
#include "libs/base/errors.h"
#include "libs/base/ids.h"
#include "libs/base/status_macros.h"

namespace unionhub::auth {

// Checks the id's form (naming `field`), looks it up with `find` (id ->
// absl::StatusOr<std::optional<T>>), and returns the record if the caller
// covers its organisation path (the member `path` of T). `what` names the kind
// of record in the NOT_FOUND message ("member", "committee term").
//   return auth::FindVisible(caller, "member", field, id,
//   &Member::organisation_path,
//                            [&](absl::string_view id) { return
//                            store.FindMember(s, id); });
template <typename T, typename Find>
absl::StatusOr<T> FindVisible(const Caller& caller, absl::string_view what,
                              absl::string_view field, absl::string_view id,
                              std::string T::*path, Find find) {
  RETURN_IF_ERROR(CheckId(field, id));
  ASSIGN_OR_RETURN(std::optional<T> found, find(id));
  if (!found || !caller.Covers((*found).*path)) {
    return absl::NotFoundError(absl::StrCat(what, " ", id, " not found"));
  }
  return *std::move(found);
}

// The organisation a List over a subtree starts from: `id` when one is given
// (its form checked into `v` under `field`), else the caller's own.
inline std::string ListRoot(Violations& v, const Caller& caller,
                            absl::string_view field, absl::string_view id) {
  std::string root(id.empty() ? absl::string_view(caller.organisation_id) : id);
  v.Merge(field, CheckId(field, root));
  return root;
}

}  // namespace unionhub::auth

#endif  // UNIONHUB_LIBS_AUTH_VISIBLE_H_
