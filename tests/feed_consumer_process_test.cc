// The feed consumer (libs/outbox) as reporting will run it: its own process,
// following a real membership process's event feed into its own database, and
// killed at the worst moments. Whatever the kills, every event of the feed ends
// up applied exactly once, in order.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <utility>

#include "absl/strings/str_cat.h"
#include "libs/base/status_macros.h"
#include "libs/outbox/feed_consumer.h"
#include "libs/sql/testing.h"
#include "tests/membership_calls.h"
#include "tests/suite.h"

namespace unionhub {
namespace {

using Applied = std::vector<std::pair<int64_t, std::string>>;  // seq, id

class FeedConsumerProcessTest : public ::testing::TestWithParam<sql::Backend> {
 protected:
  void SetUp() override {
    testing::SuiteOptions options;
    options.backend = GetParam();
    auto suite = testing::Suite::Start(options);
    if (suite.status().code() == absl::StatusCode::kNotFound)
      GTEST_SKIP() << suite.status().message();
    ASSERT_TRUE(suite.ok()) << suite.status();
    suite_ = *std::move(suite);
    auto db = sql::CreateTestDatabase(GetParam());
    ASSERT_TRUE(db.ok()) << db.status();
    consumer_db_ = *std::move(db);
    calls_ = std::make_unique<testing::MembershipCalls>(*suite_);
    ASSERT_TRUE(calls_->ok());
  }

  // Runs the consumer process to its end; its exit code (137: killed).
  int RunConsumer(const std::vector<std::string>& flags) {
    std::vector<std::string> argv = {
        UNIONHUB_FEED_CONSUMER_CHILD_BIN,
        "--feed_address=" + suite_->membership_address(),
        "--service_key_file=" + suite_->service_key_file(),
        "--consumer_database_url=" + consumer_db_.url, "--page_size=4"};
    argv.insert(argv.end(), flags.begin(), flags.end());
    std::string out = absl::StrCat(suite_->dir(), "/consumer-", ++runs_);
    auto child = testing::ChildProcess::Start(argv, out + ".out", out + ".log");
    EXPECT_TRUE(child.ok()) << child.status();
    if (!child.ok()) return -1;
    return (*child)->Wait(absl::Seconds(60));
  }

  // What the consumer applied, one row per application, in sequence order.
  Applied AppliedRows() {
    auto rows =
        consumer_db_.db->Read([](sql::Session& s) -> absl::StatusOr<Applied> {
          ASSIGN_OR_RETURN(
              sql::Statement * st,
              s.Query("SELECT sequence, event_id FROM applied_events "
                      "ORDER BY sequence"));
          return sql::ReadRows<std::pair<int64_t, std::string>>(
              *st,
              [](sql::Statement& r)
                  -> absl::StatusOr<std::pair<int64_t, std::string>> {
                return std::make_pair(r.Int(0), r.Text(1));
              });
        });
    EXPECT_TRUE(rows.ok()) << rows.status();
    return rows.value_or(Applied{});
  }

  int64_t Cursor() {
    auto c = outbox::FeedConsumer::StoredCursor(*consumer_db_.db, "membership");
    EXPECT_TRUE(c.ok()) << c.status();
    return c.value_or(-1);
  }

  // The whole feed, read straight from membership as a service.
  Applied Feed() {
    outbox::GrpcFeedSource source(calls_->channel(), "membership",
                                  &suite_->service_signer(), "feed-test");
    Applied all;
    int64_t after = 0;
    while (true) {
      auto page = source.ListEvents(after, 1000);
      EXPECT_TRUE(page.ok()) << page.status();
      if (!page.ok() || page->events().empty()) return all;
      for (const auto& e : page->events())
        all.emplace_back(e.sequence(), e.event_id());
      after = page->last_sequence();
    }
  }

  std::unique_ptr<testing::Suite> suite_;
  sql::TestDatabase consumer_db_;
  std::unique_ptr<testing::MembershipCalls> calls_;
  int runs_ = 0;
};

TEST_P(FeedConsumerProcessTest, KilledAnywhereItAppliesEveryEventOnce) {
  auto school = calls_->CreateSchool("甲校工会");
  for (int i = 1; i <= 14; ++i) calls_->CreateMember(school, i);
  ASSERT_GE(Feed().size(), 15u);

  // Killed after its second page committed, before reading the third.
  EXPECT_EQ(RunConsumer({"--die_after_pages=2"}), 128 + SIGKILL);
  EXPECT_EQ(Cursor(), 8);
  Applied applied = AppliedRows();
  ASSERT_EQ(applied.size(), 8u);
  EXPECT_EQ(applied.back().first, 8);

  // The feed grows while it is down; killed again while applying the second
  // event of its second page, before that page commits.
  for (int i = 15; i <= 17; ++i) calls_->CreateMember(school, i);
  EXPECT_EQ(RunConsumer({"--die_at_event=6"}), 128 + SIGKILL);
  EXPECT_EQ(Cursor(), 12);
  EXPECT_EQ(AppliedRows().size(), 12u);

  // Left alone it catches up: the feed, each event once, nothing else.
  EXPECT_EQ(RunConsumer({}), 0);
  Applied feed = Feed();
  EXPECT_EQ(AppliedRows(), feed);
  EXPECT_EQ(Cursor(), feed.back().first);
}

INSTANTIATE_TEST_SUITE_P(Backends, FeedConsumerProcessTest,
                         ::testing::Values(sql::Backend::kSqlite,
                                           sql::Backend::kMysql),
                         [](const auto& info) {
                           return sql::BackendName(info.param);
                         });

}  // namespace
}  // namespace unionhub
