// The feed consumer on both backends: a producer's outbox in one database, the
// consumer's cursor and what it applies in another. tests/feed_consumer_test.cc
// follows a real membership process and kills the consumer mid-feed.
#include "libs/outbox/feed_consumer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "absl/strings/str_cat.h"
#include "libs/base/status_macros.h"
#include "libs/outbox/outbox.h"
#include "libs/sql/testing.h"
#include "libs/testing/matchers.h"
#include "unionhub/auth/v1/principal.pb.h"

namespace unionhub::outbox {
namespace {

using ::testing::HasSubstr;
using testing::IsOkAndHolds;
using testing::StatusIs;

// What the consumer under test keeps: one row per application of an event, so
// an event applied twice shows up twice.
const std::vector<sql::Migration>& ConsumerMigrations() {
  static const auto* all = new std::vector<sql::Migration>(
      WithPlatform({{100, "applied",
                     "CREATE TABLE applied_events (sequence BIGINT NOT NULL, "
                     "event_id VARCHAR(32) NOT NULL)"}}));
  return *all;
}

absl::Status RecordApplied(sql::Session& s, const events::v1::Event& e) {
  return s
      .Execute("INSERT INTO applied_events (sequence, event_id) VALUES (?, ?)",
               e.sequence(), e.event_id())
      .status();
}

// The producer's own outbox read in-process, with outages on demand.
class ProducerFeed final : public FeedSource {
 public:
  explicit ProducerFeed(sql::Database* db) : db_(db) {}
  absl::StatusOr<events::v1::ListEventsResponse> ListEvents(
      int64_t after_sequence, int page_size) override {
    ++calls;
    if (down) return absl::UnavailableError("producer is down");
    return outbox::ListEvents(*db_, after_sequence, page_size);
  }
  std::atomic<bool> down{false};
  std::atomic<int> calls{0};

 private:
  sql::Database* db_;
};

class FeedConsumerTest : public ::testing::TestWithParam<sql::Backend> {
 protected:
  void SetUp() override {
    for (auto* t : {&producer_, &consumer_}) {
      auto made = sql::CreateTestDatabase(GetParam());
      if (made.status().code() == absl::StatusCode::kNotFound)
        GTEST_SKIP() << made.status().message();
      ASSERT_TRUE(made.ok()) << made.status();
      *t = *std::move(made);
    }
    ASSERT_TRUE(sql::Migrate(*producer_.db, PlatformMigrations()).ok());
    ASSERT_TRUE(sql::Migrate(*consumer_.db, ConsumerMigrations()).ok());
    feed_ = std::make_unique<ProducerFeed>(producer_.db.get());
  }

  FeedConsumerOptions Options(int page_size = 7) {
    FeedConsumerOptions o;
    o.feed = "producer";
    o.page_size = page_size;
    o.caught_up_wait = absl::Milliseconds(20);
    o.first_backoff = absl::Milliseconds(20);
    o.max_backoff = absl::Milliseconds(80);
    return o;
  }

  void Produce(int n) {
    auth::Caller actor;
    actor.key_id = "producer-test";
    actor.role = auth::Role::kFederationAdmin;
    for (int i = 0; i < n; ++i) {
      auth::v1::Principal payload;  // Any message does for the feed.
      payload.set_key_id(absl::StrCat("thing-", produced_++));
      ASSERT_TRUE(producer_.db
                      ->Write([&](sql::Session& s) {
                        return Record(s, actor, Clock::System(),
                                      {"test.thing.created", payload.key_id(),
                                       "/00000000000000a1/", &payload, ""});
                      })
                      .ok());
    }
  }

  // The sequences applied, in the order applied.
  std::vector<int64_t> Applied() {
    auto rows = consumer_.db->Read(
        [](sql::Session& s) -> absl::StatusOr<std::vector<int64_t>> {
          ASSIGN_OR_RETURN(sql::Statement * st,
                           s.Query("SELECT sequence FROM applied_events"));
          return sql::ReadRows<int64_t>(
              *st, [](sql::Statement& r) -> absl::StatusOr<int64_t> {
                return r.Int(0);
              });
        });
    EXPECT_TRUE(rows.ok()) << rows.status();
    std::vector<int64_t> sorted = rows.value_or(std::vector<int64_t>{});
    std::sort(sorted.begin(), sorted.end());
    return sorted;
  }

  static std::vector<int64_t> OneToN(int n) {
    std::vector<int64_t> all;
    for (int i = 1; i <= n; ++i) all.push_back(i);
    return all;
  }

  int64_t Cursor() {
    auto c = FeedConsumer::StoredCursor(*consumer_.db, "producer");
    EXPECT_TRUE(c.ok()) << c.status();
    return c.value_or(-1);
  }

  sql::TestDatabase producer_, consumer_;
  std::unique_ptr<ProducerFeed> feed_;
  int produced_ = 0;
};

TEST_P(FeedConsumerTest, AppliesEveryEventOncePageByPage) {
  Produce(25);
  FeedConsumer consumer(consumer_.db.get(), feed_.get(), RecordApplied,
                        Options(7));
  EXPECT_EQ(consumer.lag().caught_up_at, absl::InfinitePast());
  std::vector<int> pages;
  while (true) {
    auto applied = consumer.PollOnce();
    ASSERT_TRUE(applied.ok()) << applied.status();
    if (*applied == 0) break;
    pages.push_back(*applied);
  }
  EXPECT_THAT(pages, ::testing::ElementsAre(7, 7, 7, 4));
  EXPECT_EQ(Applied(), OneToN(25));
  EXPECT_EQ(Cursor(), 25);
  FeedLag lag = consumer.lag();
  EXPECT_EQ(lag.applied, 25);
  EXPECT_EQ(lag.head, 25);
  EXPECT_EQ(lag.events_behind(), 0);
  EXPECT_NE(lag.caught_up_at, absl::InfinitePast());

  // New events are picked up from where it stopped.
  Produce(3);
  ASSERT_THAT(consumer.PollOnce(), IsOkAndHolds(3));
  EXPECT_EQ(Applied(), OneToN(28));
}

TEST_P(FeedConsumerTest, AFailedApplyLeavesThePageAndTheCursorAsTheyWere) {
  Produce(10);
  std::atomic<bool> broken{true};
  FeedConsumer consumer(
      consumer_.db.get(), feed_.get(),
      [&](sql::Session& s, const events::v1::Event& e) -> absl::Status {
        RETURN_IF_ERROR(RecordApplied(s, e));
        if (broken && e.sequence() == 9)
          return absl::FailedPreconditionError("cannot read the payload");
        return absl::OkStatus();
      },
      Options(7));
  ASSERT_THAT(consumer.PollOnce(), IsOkAndHolds(7));
  EXPECT_THAT(consumer.PollOnce(),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("applying event 9 (test.thing.created)")));
  EXPECT_EQ(Applied(), OneToN(7));  // Events 8 and 9 rolled back.
  EXPECT_EQ(Cursor(), 7);
  EXPECT_EQ(consumer.lag().consecutive_failures, 1);
  EXPECT_EQ(consumer.lag().events_behind(), 3);

  broken = false;
  ASSERT_THAT(consumer.PollOnce(), IsOkAndHolds(3));
  EXPECT_EQ(Applied(), OneToN(10));
  EXPECT_EQ(consumer.lag().consecutive_failures, 0);
}

// A page's transaction run again after a deadlock applies it once; a COMMIT
// whose answer was lost (after the server committed) is not applied again by
// the next poll, which starts from the stored cursor.
TEST_P(FeedConsumerTest, RetriedAndLostCommitsApplyEachEventOnce) {
  Produce(12);
  FeedConsumer consumer(consumer_.db.get(), feed_.get(), RecordApplied,
                        Options(5));
  sql::DeadlockBeforeCommit(*consumer_.db, 2);
  ASSERT_THAT(consumer.PollOnce(), IsOkAndHolds(5));
  EXPECT_EQ(Applied(), OneToN(5));

  sql::LoseCommit(*consumer_.db, 1, /*applied=*/true);
  EXPECT_THAT(consumer.PollOnce(), StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_EQ(Applied(), OneToN(10));
  sql::LoseCommit(*consumer_.db, 1, /*applied=*/false);
  EXPECT_THAT(consumer.PollOnce(), StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_EQ(Applied(), OneToN(10));

  ASSERT_THAT(consumer.PollOnce(), IsOkAndHolds(2));
  EXPECT_EQ(Applied(), OneToN(12));
  EXPECT_EQ(Cursor(), 12);
}

// Two replicas following one feed into one database while it grows: each
// event is applied once between them.
TEST_P(FeedConsumerTest, TwoConsumersOfOneFeedApplyEachEventOnce) {
  FeedConsumer a(consumer_.db.get(), feed_.get(), RecordApplied, Options(4));
  FeedConsumer b(consumer_.db.get(), feed_.get(), RecordApplied, Options(4));
  a.Start();
  b.Start();
  for (int i = 0; i < 6; ++i) {
    Produce(10);
    absl::SleepFor(absl::Milliseconds(15));
  }
  absl::Time give_up = absl::Now() + absl::Seconds(60);
  while (Cursor() < 60 && absl::Now() < give_up)
    absl::SleepFor(absl::Milliseconds(20));
  a.Stop();
  b.Stop();
  EXPECT_EQ(Applied(), OneToN(60));
  EXPECT_EQ(Cursor(), 60);
}

// While the producer is down the consumer backs off (it does not spin), says
// so in its lag and its gauges, and catches up when the producer is back.
TEST_P(FeedConsumerTest, BacksOffWhileTheProducerIsDownThenCatchesUp) {
  Produce(5);
  FakeClock clock(absl::FromUnixSeconds(1'800'000'000));
  FeedConsumer consumer(consumer_.db.get(), feed_.get(), RecordApplied,
                        Options(100), clock);
  rpc::Metrics metrics;
  consumer.AddGauges(metrics);
  EXPECT_THAT(metrics.Render(),
              HasSubstr("unionhub_feed_seconds_since_caught_up"
                        "{feed=\"producer\"} NaN\n"));
  ASSERT_THAT(consumer.PollOnce(), IsOkAndHolds(5));

  feed_->down = true;
  Produce(3);
  clock.Advance(absl::Seconds(90));
  int calls_before = feed_->calls;
  consumer.Start();
  absl::SleepFor(absl::Seconds(1));
  int calls_while_down = feed_->calls - calls_before;
  // 20, 40, 80, 80, ... ms (up to a fifth more): about 13 in a second. A
  // consumer that did not back off would have asked thousands of times.
  EXPECT_GE(calls_while_down, 4);
  EXPECT_LE(calls_while_down, 16);
  FeedLag lag = consumer.lag();
  EXPECT_GE(lag.consecutive_failures, 4);
  EXPECT_THAT(lag.last_error.message(), HasSubstr("producer is down"));
  std::string text = metrics.Render();
  EXPECT_THAT(text, HasSubstr("unionhub_feed_applied_sequence"
                              "{feed=\"producer\"} 5\n"));
  EXPECT_THAT(text, HasSubstr("unionhub_feed_seconds_since_caught_up"
                              "{feed=\"producer\"} 90\n"));
  EXPECT_THAT(text, HasSubstr("unionhub_feed_consecutive_failures"
                              "{feed=\"producer\"} "));

  feed_->down = false;
  absl::Time give_up = absl::Now() + absl::Seconds(30);
  while (Cursor() < 8 && absl::Now() < give_up)
    absl::SleepFor(absl::Milliseconds(10));
  consumer.Stop();
  EXPECT_EQ(Applied(), OneToN(8));
  EXPECT_EQ(consumer.lag().consecutive_failures, 0);
  EXPECT_THAT(metrics.Render(),
              HasSubstr("unionhub_feed_lag_events{feed=\"producer\"} 0\n"));
}

// A producer whose page does not follow the cursor would make the consumer
// skip or repeat events: nothing of such a page is applied.
TEST_P(FeedConsumerTest, APageOutOfOrderIsRefusedWhole) {
  class Repeating final : public FeedSource {
   public:
    absl::StatusOr<events::v1::ListEventsResponse> ListEvents(int64_t after,
                                                              int) override {
      events::v1::ListEventsResponse page;
      page.add_events()->set_sequence(after + 1);
      page.add_events()->set_sequence(after);  // Already applied.
      return page;
    }
  } repeating;
  FeedConsumer consumer(consumer_.db.get(), &repeating, RecordApplied,
                        Options());
  EXPECT_THAT(consumer.PollOnce(),
              StatusIs(absl::StatusCode::kInternal, HasSubstr("out of order")));
  EXPECT_TRUE(Applied().empty());
  EXPECT_EQ(Cursor(), 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, FeedConsumerTest,
                         ::testing::Values(sql::Backend::kSqlite,
                                           sql::Backend::kMysql),
                         [](const auto& info) {
                           return sql::BackendName(info.param);
                         });

}  // namespace
}  // namespace unionhub::outbox
