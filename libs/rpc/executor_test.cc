#include "libs/rpc/executor.h"

#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <vector>

#include "absl/synchronization/notification.h"

namespace unionhub::rpc {
namespace {

TEST(ExecutorTest, RunsEveryQueuedJob) {
  std::atomic<int> ran{0};
  {
    Executor executor({.workers = 3, .max_queued = 1000});
    for (int i = 0; i < 1000; ++i)
      ASSERT_TRUE(executor.TrySchedule([&] { ++ran; }));
  }  // The destructor runs what is still queued.
  EXPECT_EQ(ran.load(), 1000);
}

TEST(ExecutorTest, AFullQueueRefusesAndTheNextFreeSlotIsTaken) {
  std::atomic<int> ran{0};  // Outlives the executor, which runs what is left.
  Executor executor({.workers = 1, .max_queued = 2});
  absl::Notification started, release;
  ASSERT_TRUE(executor.TrySchedule([&] {
    started.Notify();
    release.WaitForNotification();
  }));
  started.WaitForNotification();
  EXPECT_EQ(executor.running(), 1);
  EXPECT_TRUE(executor.TrySchedule([&] { ++ran; }));
  EXPECT_TRUE(executor.TrySchedule([&] { ++ran; }));
  EXPECT_EQ(executor.queued(), 2);
  EXPECT_FALSE(executor.TrySchedule([&] { ran += 100; }))
      << "a third job while two wait";
  release.Notify();
  while (executor.queued() > 0 || executor.running() > 0) {
    absl::SleepFor(absl::Milliseconds(1));
  }
  EXPECT_EQ(ran.load(), 2);
  EXPECT_TRUE(executor.TrySchedule([&] { ++ran; })) << "room again";
}

// A flood of calls with distant deadlines cannot hold a call with a near one:
// waiting calls run earliest deadline first (equal deadlines in order).
TEST(ExecutorTest, WaitingCallsRunEarliestDeadlineFirst) {
  std::vector<int> order;  // Outlives the executor.
  std::mutex mu;
  Executor executor({.workers = 1, .max_queued = 10});
  absl::Notification started, release;
  ASSERT_TRUE(executor.TrySchedule([&] {
    started.Notify();
    release.WaitForNotification();
  }));
  started.WaitForNotification();
  absl::Time now = absl::Now();
  auto note = [&](int i) {
    return [&, i] {
      std::lock_guard<std::mutex> lock(mu);
      order.push_back(i);
    };
  };
  ASSERT_TRUE(executor.TrySchedule(note(1), now + absl::Seconds(30)));
  ASSERT_TRUE(executor.TrySchedule(note(2), now + absl::Seconds(30)));
  ASSERT_TRUE(executor.TrySchedule(note(3), now + absl::Seconds(1)));
  ASSERT_TRUE(executor.TrySchedule(note(4)));  // No deadline: last.
  ASSERT_TRUE(executor.TrySchedule(note(5), now - absl::Seconds(1)));
  release.Notify();
  while (executor.queued() > 0 || executor.running() > 0)
    absl::SleepFor(absl::Milliseconds(1));
  std::lock_guard<std::mutex> lock(mu);
  EXPECT_EQ(order, (std::vector<int>{5, 3, 1, 2, 4}));
}

}  // namespace
}  // namespace unionhub::rpc
