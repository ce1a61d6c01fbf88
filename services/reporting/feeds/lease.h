// One consumer among replicas: a lease row in reporting's database. The
// holder renews it; when it stops (killed, partitioned), the lease runs out
// and another replica takes it. Correctness does not rest on the lease (the
// feed cursors are compare-and-set); it only keeps replicas from doing the
// same work twice.
#ifndef UNIONHUB_SERVICES_REPORTING_FEEDS_LEASE_H_
#define UNIONHUB_SERVICES_REPORTING_FEEDS_LEASE_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "libs/base/clock.h"
#include "libs/sql/database.h"

namespace unionhub::reporting {

struct LeaseState {
  std::string holder;  // Empty: nobody has held it yet.
  absl::Time expires = absl::InfinitePast();
};

class ConsumerLease final {
 public:
  ConsumerLease(sql::Database* db, std::string holder, absl::Duration ttl,
                const Clock& clock = Clock::System())
      : db_(db), holder_(std::move(holder)), ttl_(ttl), clock_(clock) {}

  // Takes or renews the lease if it is free, expired or ours; true if ours
  // now.
  absl::StatusOr<bool> TryAcquire();
  // Lets it go (on shutdown), so another replica need not wait out the ttl.
  absl::Status Release();
  absl::StatusOr<LeaseState> Read();

  const std::string& holder() const { return holder_; }

 private:
  sql::Database* db_;
  const std::string holder_;
  const absl::Duration ttl_;
  const Clock& clock_;
};

}  // namespace unionhub::reporting

#endif  // UNIONHUB_SERVICES_REPORTING_FEEDS_LEASE_H_
