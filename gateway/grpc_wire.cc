#include "gateway/grpc_wire.h"

#include <algorithm>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace unionhub::gateway {

bool MessageSizeGuard::Feed(const uint8_t* data, size_t n, size_t max) {
  while (n > 0) {
    if (remaining_ > 0) {
      size_t skip = std::min<uint64_t>(remaining_, n);
      remaining_ -= skip;
      data += skip;
      n -= skip;
      continue;
    }
    header_[header_bytes_++] = *data++;
    --n;
    if (header_bytes_ == 5) {
      remaining_ = (uint32_t{header_[1]} << 24) | (uint32_t{header_[2]} << 16) |
                   (uint32_t{header_[3]} << 8) | uint32_t{header_[4]};
      header_bytes_ = 0;
      if (remaining_ > max) return false;
    }
  }
  return true;
}

std::string GrpcTimeout(absl::Duration d) {
  int64_t ms = std::max<int64_t>(1, absl::ToInt64Milliseconds(d));
  if (ms < 100000000) return absl::StrCat(ms, "m");
  return absl::StrCat(std::min<int64_t>(ms / 1000, 99999999), "S");
}

bool ParseGrpcTimeout(absl::string_view value, absl::Duration* d) {
  if (value.size() < 2 || value.size() > 9) return false;
  int64_t n;
  if (!absl::SimpleAtoi(value.substr(0, value.size() - 1), &n) || n < 0)
    return false;
  switch (value.back()) {
    case 'H':
      *d = absl::Hours(n);
      return true;
    case 'M':
      *d = absl::Minutes(n);
      return true;
    case 'S':
      *d = absl::Seconds(n);
      return true;
    case 'm':
      *d = absl::Milliseconds(n);
      return true;
    case 'u':
      *d = absl::Microseconds(n);
      return true;
    case 'n':
      *d = absl::Nanoseconds(n);
      return true;
    default:
      return false;
  }
}

std::string PercentEncode(absl::string_view message) {
  std::string out;
  for (unsigned char c : message) {
    if (c >= 0x20 && c <= 0x7e && c != '%') {
      out.push_back(c);
    } else {
      absl::StrAppend(&out, "%", absl::Hex(c, absl::kZeroPad2));
    }
  }
  return out;
}

std::string PercentDecode(absl::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    int value;
    if (s[i] == '%' && i + 2 < s.size() &&
        absl::SimpleHexAtoi(s.substr(i + 1, 2), &value)) {
      out.push_back(static_cast<char>(value));
      i += 2;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

}  // namespace unionhub::gateway
