#include "libs/base/text.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "libs/base/errors.h"

namespace unionhub {

ptrdiff_t Utf8Length(absl::string_view text) {
  ptrdiff_t count = 0;
  size_t i = 0;
  while (i < text.size()) {
    unsigned char c = text[i];
    size_t len = c < 0x80           ? 1
                 : (c >> 5) == 0x6  ? 2
                 : (c >> 4) == 0xE  ? 3
                 : (c >> 3) == 0x1E ? 4
                                    : 0;
    if (len == 0 || i + len > text.size()) return -1;
    uint32_t cp = len == 1 ? c : c & (0xFF >> (len + 1));
    for (size_t k = 1; k < len; ++k) {
      unsigned char cc = text[i + k];
      if ((cc >> 6) != 0x2) return -1;
      cp = (cp << 6) | (cc & 0x3F);
    }
    // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
    static constexpr uint32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMin[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
      return -1;
    i += len;
    ++count;
  }
  return count;
}

absl::Status CheckText(absl::string_view field, absl::string_view text,
                       size_t max_chars, Required required, bool multiline) {
  ptrdiff_t len = Utf8Length(text);
  if (len < 0) return InvalidField(field, "is not valid UTF-8");
  if (static_cast<size_t>(len) > max_chars) {
    return InvalidField(
        field, absl::StrCat("is longer than ", max_chars, " characters"));
  }
  for (unsigned char c : text) {
    bool allowed_space = multiline && (c == '\n' || c == '\t' || c == '\r');
    if ((c < 0x20 && !allowed_space) || c == 0x7F) {
      return InvalidField(field, "contains control characters");
    }
  }
  if (required == Required::kYes && absl::StripAsciiWhitespace(text).empty()) {
    return InvalidField(field, "is required");
  }
  return absl::OkStatus();
}

}  // namespace unionhub
