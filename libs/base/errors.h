// Building errors that tell the caller which field was wrong and why.
//
// Field violations travel inside absl::Status as a payload; libs/rpc turns them
// into google.rpc.BadRequest details. Storage errors carry a marker so that no
// caller ever sees their text.
#ifndef UNIONHUB_LIBS_BASE_ERRORS_H_
#define UNIONHUB_LIBS_BASE_ERRORS_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace unionhub {

struct FieldViolation {
  std::string field;        // Path of the field, e.g. "member.id_number".
  std::string description;  // Why it is wrong, for a person to read.
};

// INVALID_ARGUMENT for one field: "field: description".
absl::Status InvalidField(absl::string_view field,
                          absl::string_view description);

// The field violations carried by `status` (empty when it carries none).
std::vector<FieldViolation> FieldViolations(const absl::Status& status);

// Collects the violations of a whole request, so the caller hears of all at
// once.
class Violations final {
 public:
  void Add(absl::string_view field, absl::string_view description);
  // Adds the violations of `status` (or a violation of `field` if it has none)
  // when it is an INVALID_ARGUMENT; other errors are kept and returned by
  // Status() first.
  void Merge(absl::string_view field, const absl::Status& status);
  bool empty() const { return violations_.empty() && other_.ok(); }
  // OK when nothing was added; otherwise INVALID_ARGUMENT naming every
  // violation.
  absl::Status Status() const;

 private:
  std::vector<FieldViolation> violations_;
  absl::Status other_;
};

// Marks an error raised by a storage backend: its message is for the log only.
absl::Status MarkStorageError(absl::Status status);
bool IsStorageError(const absl::Status& status);

}  // namespace unionhub

#endif  // UNIONHUB_LIBS_BASE_ERRORS_H_
