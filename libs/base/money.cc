#include "libs/base/money.h"

#include "absl/strings/str_format.h"

namespace unionhub {

std::string FormatYuan(int64_t fen) {
  // Through unsigned, so that even the most negative amount has a magnitude.
  const uint64_t magnitude = fen < 0 ? uint64_t{0} - static_cast<uint64_t>(fen)
                                     : static_cast<uint64_t>(fen);
  return absl::StrFormat("%s%d.%02d yuan", fen < 0 ? "-" : "", magnitude / 100,
                         magnitude % 100);
}

}  // namespace unionhub
