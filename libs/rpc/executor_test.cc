#include "libs/rpc/executor.h"

#include <gtest/gtest.h>

#include <atomic>

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

}  // namespace
}  // namespace unionhub::rpc
