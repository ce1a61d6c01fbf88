#include "gateway/rate_limiter.h"

#include <algorithm>

namespace unionhub::gateway {

bool RateLimiter::Allow(absl::string_view key) {
  if (rate_ <= 0) return true;
  absl::Time now = clock_->Now();
  absl::MutexLock lock(&mu_);
  auto [it, fresh] = buckets_.try_emplace(key, Bucket{burst_, now});
  Bucket& b = it->second;
  double refill = absl::ToDoubleSeconds(now - b.last) * rate_;
  if (refill > 0) {
    b.tokens = std::min(burst_, b.tokens + refill);
    b.last = now;
  }
  if (b.tokens < 1) return false;
  b.tokens -= 1;
  return true;
}

}  // namespace unionhub::gateway
