// Update masks: every Update takes the fields to change in `update_mask`.
#ifndef UNIONHUB_LIBS_RPC_FIELD_MASK_H_
#define UNIONHUB_LIBS_RPC_FIELD_MASK_H_

#include <google/protobuf/field_mask.pb.h>

#include <algorithm>
#include <initializer_list>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "libs/base/errors.h"

namespace unionhub::rpc {

// OK when the mask names at least one path and only paths in `allowed`;
// otherwise INVALID_ARGUMENT naming update_mask.
inline absl::Status CheckUpdateMask(
    const google::protobuf::FieldMask& mask,
    std::initializer_list<absl::string_view> allowed) {
  if (mask.paths().empty()) return InvalidField("update_mask", "is required");
  for (const std::string& path : mask.paths()) {
    if (std::find(allowed.begin(), allowed.end(), path) == allowed.end()) {
      return InvalidField("update_mask", path + " cannot be changed");
    }
  }
  return absl::OkStatus();
}

inline bool InMask(const google::protobuf::FieldMask& mask,
                   absl::string_view path) {
  return std::find(mask.paths().begin(), mask.paths().end(), path) !=
         mask.paths().end();
}

}  // namespace unionhub::rpc

#endif  // UNIONHUB_LIBS_RPC_FIELD_MASK_H_
