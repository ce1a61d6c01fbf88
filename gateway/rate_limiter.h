// A token bucket per API key: `rate` calls per second on average, bursts of
// up to `burst`.
#ifndef UNIONHUB_GATEWAY_RATE_LIMITER_H_
#define UNIONHUB_GATEWAY_RATE_LIMITER_H_

#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/synchronization/mutex.h"
#include "libs/base/clock.h"

namespace unionhub::gateway {

class RateLimiter final {
 public:
  // `rate` <= 0 turns limiting off.
  RateLimiter(double rate, double burst, const Clock* clock)
      : rate_(rate), burst_(burst < 1 ? 1 : burst), clock_(clock) {}

  // Takes a token from `key`'s bucket; false when it is empty.
  bool Allow(absl::string_view key);

 private:
  struct Bucket {
    double tokens;
    absl::Time last;
  };
  const double rate_;
  const double burst_;
  const Clock* clock_;
  absl::Mutex mu_;
  absl::flat_hash_map<std::string, Bucket> buckets_ ABSL_GUARDED_BY(mu_);
};

}  // namespace unionhub::gateway

#endif  // UNIONHUB_GATEWAY_RATE_LIMITER_H_
