#include "services/membership/demo.h"

#include "gtest/gtest.h"
#include "services/membership/testing.h"

namespace unionhub::membership {
namespace {

using DemoTest = MembershipTest;

TEST_P(DemoTest, LoadsOnceWithTheSeedFigures) {
  Committees committees(db_.db.get(), &store_, &clock_);
  Enterprises enterprises(db_.db.get(), &store_, &clock_);
  ModelWorkers model_workers(db_.db.get(), &store_, &clock_);
  Activities activities(db_.db.get(), &store_, &clock_);
  DemoServices services{organisations_.get(), members_.get(), &committees,
                        &enterprises,         &model_workers, &activities};

  absl::Status loaded = LoadDemoData(services, root_);
  ASSERT_TRUE(loaded.ok()) << loaded;
  int64_t member_count = CountRows("members"),
          events = CountRows("outbox_pending");
  EXPECT_GE(member_count, 300);
  auto stats = enterprises.Statistics(federation_, "");
  ASSERT_TRUE(stats.ok()) << stats.status();
  EXPECT_EQ(stats->enterprises, 79);
  EXPECT_EQ(stats->application_rate().basis_points(),
            9512);  // 39 of 41: 95.1%.
  EXPECT_EQ(stats->founded, 10);
  EXPECT_GT(stats->membership_rate().basis_points(), 0);

  loaded = LoadDemoData(services, root_);
  ASSERT_TRUE(loaded.ok()) << loaded;
  EXPECT_EQ(CountRows("members"), member_count);
  EXPECT_EQ(CountRows("outbox_pending"),
            events);  // Nothing written the second time.
}

UNIONHUB_ON_BOTH_BACKENDS(DemoTest);

}  // namespace
}  // namespace unionhub::membership
