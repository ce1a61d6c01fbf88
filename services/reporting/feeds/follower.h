// Follows membership's, welfare's and democracy's event feeds into the read
// model, while this replica holds the consumer lease (lease.h).
#ifndef UNIONHUB_SERVICES_REPORTING_FEEDS_FOLLOWER_H_
#define UNIONHUB_SERVICES_REPORTING_FEEDS_FOLLOWER_H_

#include <atomic>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "libs/outbox/feed_consumer.h"
#include "services/reporting/feeds/lease.h"

namespace unionhub::reporting {

struct Feed {
  std::string name;            // "membership": the cursor's name too.
  outbox::FeedSource* source;  // Must outlive the follower.
};

struct FollowerOptions {
  // This replica's name in the lease (host name and pid, say).
  std::string replica;
  absl::Duration lease_ttl = absl::Seconds(15);
  absl::Duration renew_every = absl::Seconds(5);
  int page_size = 500;
  absl::Duration caught_up_wait = absl::Seconds(1);
  absl::Duration first_backoff = absl::Milliseconds(200);
  absl::Duration max_backoff = absl::Seconds(30);
};

struct FeedPosition {
  std::string feed;
  outbox::FeedLag lag;  // applied: as stored (whoever consumes).
};

class FeedFollower final {
 public:
  FeedFollower(sql::Database* db, std::vector<Feed> feeds,
               FollowerOptions options, const Clock& clock = Clock::System());
  ~FeedFollower();  // Stops.

  // Renews the lease on a thread of its own and polls every feed while it
  // holds it.
  void Start();
  // Stops polling and lets the lease go.
  void Stop();

  // Applies everything the producers have now, feed by feed, lease or not,
  // and counts the disclosure dues of today (the rebuild command and tests).
  // Returns the events applied.
  absl::StatusOr<int64_t> CatchUp();

  bool consuming() const { return holding_; }
  ConsumerLease& lease() { return lease_; }
  absl::StatusOr<std::vector<FeedPosition>> Positions();
  void AddGauges(rpc::Metrics& metrics);

 private:
  void RenewLease();
  // Disclosure dues change with the day, not only with events: the lease
  // holder counts those passed once each day (read_model.h CountDuesThrough).
  void CountDuesOnANewDay();
  absl::StatusOr<int> CountDuesOn(absl::CivilDay today);

  sql::Database* db_;
  const Clock& clock_;
  std::vector<std::string> names_;
  std::vector<std::unique_ptr<outbox::FeedConsumer>> consumers_;
  FollowerOptions options_;
  ConsumerLease lease_;
  std::atomic<bool> holding_{false};
  // Only the renewing thread touches it.
  std::optional<absl::CivilDay> dues_counted_on_;

  absl::Mutex mu_;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::thread renewer_;
};

}  // namespace unionhub::reporting

#endif  // UNIONHUB_SERVICES_REPORTING_FEEDS_FOLLOWER_H_
