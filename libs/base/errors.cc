#include "libs/base/errors.h"

#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"

namespace unionhub {
namespace {

// Payload: lines of "field\tdescription". Plain text keeps libs/base free of
// protobuf.
constexpr absl::string_view kViolationsUrl = "unionhub/field-violations";
constexpr absl::string_view kStorageUrl = "unionhub/storage-error";

absl::Status WithViolations(const std::vector<FieldViolation>& violations) {
  std::vector<std::string> lines, messages;
  for (const auto& v : violations) {
    lines.push_back(absl::StrCat(v.field, "\t", v.description));
    messages.push_back(absl::StrCat(v.field, ": ", v.description));
  }
  absl::Status status(absl::StatusCode::kInvalidArgument,
                      absl::StrJoin(messages, "; "));
  status.SetPayload(kViolationsUrl, absl::Cord(absl::StrJoin(lines, "\n")));
  return status;
}

}  // namespace

absl::Status InvalidField(absl::string_view field,
                          absl::string_view description) {
  return WithViolations({{std::string(field), std::string(description)}});
}

std::vector<FieldViolation> FieldViolations(const absl::Status& status) {
  std::vector<FieldViolation> out;
  auto payload = status.GetPayload(kViolationsUrl);
  if (!payload) return out;
  for (absl::string_view line :
       absl::StrSplit(std::string(*payload), '\n', absl::SkipEmpty())) {
    std::pair<std::string, std::string> parts =
        absl::StrSplit(line, absl::MaxSplits('\t', 1));
    out.push_back({parts.first, parts.second});
  }
  return out;
}

void Violations::Add(absl::string_view field, absl::string_view description) {
  violations_.push_back({std::string(field), std::string(description)});
}

void Violations::Merge(absl::string_view field, const absl::Status& status) {
  if (status.ok()) return;
  if (status.code() != absl::StatusCode::kInvalidArgument) {
    if (other_.ok()) other_ = status;
    return;
  }
  auto found = FieldViolations(status);
  if (found.empty()) {
    Add(field, status.message());
  } else {
    violations_.insert(violations_.end(), found.begin(), found.end());
  }
}

absl::Status Violations::Status() const {
  if (!other_.ok()) return other_;
  if (violations_.empty()) return absl::OkStatus();
  return WithViolations(violations_);
}

absl::Status MarkStorageError(absl::Status status) {
  if (!status.ok()) status.SetPayload(kStorageUrl, absl::Cord("1"));
  return status;
}

bool IsStorageError(const absl::Status& status) {
  return status.GetPayload(kStorageUrl).has_value();
}

}  // namespace unionhub
