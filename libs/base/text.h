// Checks of free text typed by officers: valid UTF-8, no control characters,
// bounded.
#ifndef UNIONHUB_LIBS_BASE_TEXT_H_
#define UNIONHUB_LIBS_BASE_TEXT_H_

#include <cstddef>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace unionhub {

// Number of Unicode code points, or -1 when `text` is not valid UTF-8.
ptrdiff_t Utf8Length(absl::string_view text);

enum class Required { kYes, kNo };

// OK when `text` is valid UTF-8 of at most `max_chars` characters without
// control characters (tab and newline allowed only when `multiline`), not blank
// if required.
absl::Status CheckText(absl::string_view field, absl::string_view text,
                       size_t max_chars, Required required,
                       bool multiline = false);

}  // namespace unionhub

#endif  // UNIONHUB_LIBS_BASE_TEXT_H_
