#include "libs/base/ids.h"

#include <cstdint>
#include <string>
#include <thread>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/numbers.h"
#include "absl/time/clock.h"
#include "gtest/gtest.h"

namespace unionhub {
namespace {

uint32_t SecondOf(const std::string& id) {
  uint32_t second = 0;
  EXPECT_TRUE(absl::SimpleHexAtoi(id.substr(0, 8), &second)) << id;
  return second;
}

TEST(IdsTest, IdsStartWithTheSecondTheyWereMade) {
  const int64_t before = absl::ToUnixSeconds(absl::Now());
  const std::string id = NewId();
  const int64_t after = absl::ToUnixSeconds(absl::Now());
  EXPECT_TRUE(IsValidId(id)) << id;
  EXPECT_GE(SecondOf(id), before);
  EXPECT_LE(SecondOf(id), after);
}

TEST(IdsTest, ManyThreadsNeverMakeTheSameId) {
  constexpr int kThreads = 4, kEach = 50000;
  std::vector<std::vector<std::string>> made(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&made, t] {
      for (int i = 0; i < kEach; ++i) made[t].push_back(NewId());
    });
  }
  for (auto& thread : threads) thread.join();
  absl::flat_hash_set<std::string> seen;
  for (const auto& ids : made) {
    for (const auto& id : ids) ASSERT_TRUE(seen.insert(id).second) << id;
  }
}

TEST(IdsTest, LaterSecondsSortLater) {
  const std::string first = NewId();
  absl::SleepFor(absl::Milliseconds(1100));
  EXPECT_LT(first, NewId());  // What lets inserts append to an index.
}

TEST(IdsTest, ChecksTheShape) {
  EXPECT_TRUE(IsValidId("0123456789abcdef"));
  EXPECT_FALSE(IsValidId("0123456789ABCDEF"));
  EXPECT_FALSE(IsValidId("0123456789abcde"));
  EXPECT_EQ(CheckId("member_id", "").code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(CheckId("member_id", "xyz").code(),
            absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace unionhub
