#include "libs/base/ids.h"

#include <openssl/rand.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstring>
#include <stdexcept>

#include "absl/strings/escaping.h"
#include "absl/time/clock.h"
#include "libs/base/errors.h"

namespace unionhub {

namespace {

// RAND_bytes costs about a microsecond a call whatever the size, so each thread
// draws 4 KiB at a time and hands it out in small pieces.
class RandomPool {
 public:
  void Take(char* out, size_t n) {
    while (n > 0) {
      if (used_ == sizeof(buffer_)) Refill();
      size_t k = std::min(n, sizeof(buffer_) - used_);
      std::memcpy(out, buffer_ + used_, k);
      std::memset(buffer_ + used_, 0, k);  // Handed-out bytes do not linger.
      used_ += k;
      out += k;
      n -= k;
    }
  }

 private:
  void Refill() {
    if (RAND_bytes(buffer_, sizeof(buffer_)) != 1) {
      throw std::runtime_error("RAND_bytes failed");  // Cannot go on safely.
    }
    used_ = 0;
  }
  unsigned char buffer_[4096];
  size_t used_ = sizeof(buffer_);
};

}  // namespace

std::string RandomBytes(size_t n) {
  thread_local RandomPool pool;
  std::string out(n, '\0');
  pool.Take(out.data(), n);
  return out;
}

std::string NewId() {
  static std::atomic<uint32_t> counter = [] {
    uint32_t start;
    std::string random = RandomBytes(sizeof(start));
    std::memcpy(&start, random.data(), sizeof(start));
    return start;
  }();
  const auto second = static_cast<uint32_t>(absl::ToUnixSeconds(absl::Now()));
  const uint32_t n = counter.fetch_add(1, std::memory_order_relaxed);
  const char bytes[8] = {
      static_cast<char>(second >> 24), static_cast<char>(second >> 16),
      static_cast<char>(second >> 8),  static_cast<char>(second),
      static_cast<char>(n >> 24),      static_cast<char>(n >> 16),
      static_cast<char>(n >> 8),       static_cast<char>(n)};
  return absl::BytesToHexString(absl::string_view(bytes, sizeof(bytes)));
}

bool IsValidId(absl::string_view id) {
  if (id.size() != 16) return false;
  for (char c : id) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

absl::Status CheckId(absl::string_view field, absl::string_view id) {
  if (id.empty()) return InvalidField(field, "is required");
  if (!IsValidId(id))
    return InvalidField(field, "is not a valid id (16 hex digits)");
  return absl::OkStatus();
}

absl::Status CheckEtag(absl::string_view given, absl::string_view current) {
  if (!given.empty() && given != current) {
    return absl::AbortedError(
        "etag is stale: the record changed since it was read");
  }
  return absl::OkStatus();
}

}  // namespace unionhub
