#include "libs/base/paging.h"

#include <algorithm>

#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "libs/base/errors.h"

namespace unionhub {
namespace {
constexpr char kSeparator =
    '\x1f';  // Never in stored text (control characters refused).
}  // namespace

absl::StatusOr<int> PageSize(int requested) {
  if (requested < 0) return InvalidField("page_size", "must not be negative");
  return requested == 0 ? kDefaultPageSize : std::min(requested, kMaxPageSize);
}

std::string EncodePageToken(char kind,
                            const std::vector<std::string>& position) {
  std::string raw(1, kind);
  for (const auto& p : position)
    absl::StrAppend(&raw, std::string(1, kSeparator), p);
  return absl::WebSafeBase64Escape(raw);
}

absl::StatusOr<std::vector<std::string>> DecodePageToken(
    char kind, absl::string_view token, size_t parts) {
  std::string raw;
  if (!absl::WebSafeBase64Unescape(token, &raw) || raw.empty() ||
      raw[0] != kind) {
    return InvalidField("page_token", "is not a token this list returned");
  }
  std::vector<std::string> out = absl::StrSplit(raw.substr(1), kSeparator);
  if (out.size() != parts + 1 || !out[0].empty()) {
    return InvalidField("page_token", "is not a token this list returned");
  }
  out.erase(out.begin());
  return out;
}

PageRequest ReadPageRequest(Violations& v, int page_size,
                            absl::string_view page_token, char token_kind,
                            size_t position_parts) {
  PageRequest r;
  absl::StatusOr<int> size = PageSize(page_size);
  v.Merge("page_size", size.status());
  if (size.ok()) r.size = *size;
  if (!page_token.empty()) {
    auto position = DecodePageToken(token_kind, page_token, position_parts);
    v.Merge("page_token", position.status());
    if (position.ok()) r.after = *std::move(position);
  }
  return r;
}

absl::StatusOr<int> PageRequest::after_number() const {
  int number = 0;
  if (!after.empty() && !absl::SimpleAtoi(after[0], &number))
    return InvalidField("page_token", "is not a token of this list");
  return number;
}

}  // namespace unionhub
