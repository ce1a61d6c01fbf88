// Proto enums and the domain enums that mirror them.
//
// A domain enum keeps the proto's numbers. Tie the two where they are
// converted, so that a value added to the proto fails the build until the
// domain knows it (and its range checks with it):
//   UNIONHUB_MIRRORS_PROTO_ENUM(Sex, v1::Sex, kFemale);
// and convert at the boundary with the proto's own *_IsValid, since proto3
// keeps numbers it does not know (a client may send status = 99):
//   ASSIGN_OR_RETURN(n.sex, rpc::FromProtoEnum<Sex>("member.sex", in.sex(),
//                                                  v1::Sex_IsValid));
#ifndef UNIONHUB_LIBS_RPC_ENUMS_H_
#define UNIONHUB_LIBS_RPC_ENUMS_H_

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "libs/base/errors.h"

namespace unionhub::rpc {

// The domain value of proto enum field `field`; INVALID_ARGUMENT naming the
// field for a number the proto does not define.
template <typename Domain>
absl::StatusOr<Domain> FromProtoEnum(absl::string_view field, int value,
                                     bool (*is_valid)(int)) {
  if (!is_valid(value)) {
    return InvalidField(field,
                        absl::StrCat(value, " is not one of its values"));
  }
  return static_cast<Domain>(value);
}

}  // namespace unionhub::rpc

// Domain's last value is the proto's last, and both start at 0 (unspecified).
#define UNIONHUB_MIRRORS_PROTO_ENUM(Domain, Proto, kLast)                   \
  static_assert(static_cast<int>(Domain::kLast) == Proto##_MAX &&           \
                    static_cast<int>(Domain::kUnspecified) == Proto##_MIN,  \
                #Domain                                                     \
                " no longer mirrors " #Proto                                \
                ": give the domain enum the proto's new values (and check " \
                "its range checks)")

#endif  // UNIONHUB_LIBS_RPC_ENUMS_H_
