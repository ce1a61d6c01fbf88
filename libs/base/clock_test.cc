#include "libs/base/clock.h"

#include "gtest/gtest.h"

namespace unionhub {
namespace {

TEST(ClockTest, ParsesOnlyRealDates) {
  EXPECT_EQ(FormatDate(*ParseDate("d", "2024-02-29")), "2024-02-29");
  EXPECT_FALSE(ParseDate("d", "2023-02-29").ok());
  EXPECT_FALSE(ParseDate("d", "2023-2-9").ok());
  EXPECT_FALSE(ParseDate("d", "2023-02-09x").ok());
  EXPECT_FALSE(ParseDate("d", "").ok());
  EXPECT_FALSE(ParseDate("d", "1800-01-01").ok());
}

TEST(ClockTest, TodayIsBeijingDate) {
  // 2026-11-20 17:00 UTC is already 2026-11-21 in Beijing.
  FakeClock clock(absl::FromCivil(absl::CivilSecond(2026, 11, 20, 17, 0, 0),
                                  absl::UTCTimeZone()));
  EXPECT_EQ(FormatDate(clock.Today()), "2026-11-21");
}

TEST(ClockTest, TimestampsRoundTrip) {
  absl::Time t = absl::FromUnixMicros(1700000000123456);
  EXPECT_EQ(*ParseTimestamp(FormatTimestamp(t)), t);
}

}  // namespace
}  // namespace unionhub
