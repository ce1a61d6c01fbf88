// The consumer lease on both backends: one holder at a time, renewed by its
// holder, taken over once it runs out, handed back on release; and a
// follower without the lease applies nothing.
#include "services/reporting/feeds/lease.h"

#include <gtest/gtest.h>

#include "libs/testing/backends.h"
#include "libs/testing/matchers.h"
#include "services/reporting/database_test.h"
#include "services/reporting/feeds/follower.h"

namespace unionhub::reporting {
namespace {

using testing::IsOkAndHolds;

class LeaseTest : public ReportingDatabaseTest {
 protected:
  FakeClock clock_{absl::FromUnixSeconds(1'800'000'000)};
};

TEST_P(LeaseTest, OneHolderUntilItStopsRenewing) {
  ConsumerLease a(db_.db.get(), "a", absl::Seconds(15), clock_);
  ConsumerLease b(db_.db.get(), "b", absl::Seconds(15), clock_);
  EXPECT_THAT(a.TryAcquire(), IsOkAndHolds(true));
  EXPECT_THAT(b.TryAcquire(), IsOkAndHolds(false));
  clock_.Advance(absl::Seconds(10));
  EXPECT_THAT(a.TryAcquire(), IsOkAndHolds(true));  // Renewed for 15 more.
  clock_.Advance(absl::Seconds(10));
  EXPECT_THAT(b.TryAcquire(), IsOkAndHolds(false));
  // A stops renewing (killed): once its lease runs out, B takes over.
  clock_.Advance(absl::Seconds(6));
  EXPECT_THAT(b.TryAcquire(), IsOkAndHolds(true));
  EXPECT_THAT(a.TryAcquire(), IsOkAndHolds(false));
  auto state = b.Read();
  ASSERT_TRUE(state.ok()) << state.status();
  EXPECT_EQ(state->holder, "b");
  EXPECT_EQ(state->expires, clock_.Now() + absl::Seconds(15));
}

TEST_P(LeaseTest, AReleasedLeaseIsFreeAtOnce) {
  ConsumerLease a(db_.db.get(), "a", absl::Seconds(15), clock_);
  ConsumerLease b(db_.db.get(), "b", absl::Seconds(15), clock_);
  ASSERT_THAT(a.TryAcquire(), IsOkAndHolds(true));
  ASSERT_TRUE(a.Release().ok());
  EXPECT_THAT(b.TryAcquire(), IsOkAndHolds(true));
  // Releasing a lease one does not hold changes nothing.
  ASSERT_TRUE(a.Release().ok());
  EXPECT_THAT(a.TryAcquire(), IsOkAndHolds(false));
}

// A feed that counts how often it is asked.
class CountingFeed final : public outbox::FeedSource {
 public:
  absl::StatusOr<events::v1::ListEventsResponse> ListEvents(int64_t,
                                                            int) override {
    ++asked;
    return events::v1::ListEventsResponse();
  }
  std::atomic<int> asked{0};
};

TEST_P(LeaseTest, OnlyTheReplicaHoldingTheLeaseReadsTheFeeds) {
  ConsumerLease other(db_.db.get(), "other", absl::Hours(1));
  ASSERT_THAT(other.TryAcquire(), IsOkAndHolds(true));
  CountingFeed feed;
  FollowerOptions o;
  o.replica = "this";
  o.renew_every = absl::Milliseconds(20);
  o.caught_up_wait = absl::Milliseconds(10);
  FeedFollower follower(db_.db.get(), {{"membership", &feed}}, o);
  follower.Start();
  absl::SleepFor(absl::Milliseconds(200));
  EXPECT_FALSE(follower.consuming());
  EXPECT_EQ(feed.asked, 0);
  // The holder lets go: this replica takes over and reads.
  ASSERT_TRUE(other.Release().ok());
  for (int i = 0; i < 200 && feed.asked == 0; ++i)
    absl::SleepFor(absl::Milliseconds(10));
  EXPECT_TRUE(follower.consuming());
  EXPECT_GT(feed.asked, 0);
  follower.Stop();
  // Stopping hands the lease back.
  EXPECT_THAT(other.TryAcquire(), IsOkAndHolds(true));
}

UNIONHUB_ON_BOTH_BACKENDS(LeaseTest);

}  // namespace
}  // namespace unionhub::reporting
