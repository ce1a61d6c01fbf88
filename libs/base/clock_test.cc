#include "libs/base/clock.h"

#include "gtest/gtest.h"
#include "libs/base/errors.h"

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

TEST(ClockTest, PastDatesAreTodayOrBefore) {
  const absl::CivilDay today(2026, 11, 21);
  EXPECT_EQ(*ParsePastDate("join_date", "2026-11-21", today), today);
  EXPECT_EQ(*ParsePastDate("join_date", "1990-01-31", today),
            absl::CivilDay(1990, 1, 31));
  absl::StatusOr<absl::CivilDay> future =
      ParsePastDate("join_date", "2026-11-22", today);
  EXPECT_EQ(future.status().code(), absl::StatusCode::kInvalidArgument);
  ASSERT_EQ(FieldViolations(future.status()).size(), 1u);
  EXPECT_EQ(FieldViolations(future.status())[0].field, "join_date");
  EXPECT_EQ(FieldViolations(future.status())[0].description,
            "is in the future");
  // A malformed date says so, not that it is in the future.
  EXPECT_EQ(FieldViolations(
                ParsePastDate("join_date", "2026-02-30", today).status())[0]
                .description,
            "is not a real calendar date");
}

TEST(ClockTest, TimestampsRoundTrip) {
  absl::Time t = absl::FromUnixMicros(1700000000123456);
  EXPECT_EQ(*ParseTimestamp(FormatTimestamp(t)), t);
}

TEST(ClockTest, TimestampsHaveMicrosecondsInUtc) {
  EXPECT_EQ(FormatTimestamp(absl::FromUnixMicros(1700000000123456)),
            "2023-11-14T22:13:20.123456Z");
  // Same second (the calendar part is reused), then the next one.
  EXPECT_EQ(FormatTimestamp(absl::FromUnixMicros(1700000000000007)),
            "2023-11-14T22:13:20.000007Z");
  EXPECT_EQ(FormatTimestamp(absl::FromUnixMicros(1700000001999999)),
            "2023-11-14T22:13:21.999999Z");
  // Before 1970 the fraction still counts up from the whole second.
  EXPECT_EQ(FormatTimestamp(absl::FromUnixMicros(-1)),
            "1969-12-31T23:59:59.999999Z");
  EXPECT_EQ(FormatTimestamp(absl::FromUnixMicros(-1'000'000)),
            "1969-12-31T23:59:59.000000Z");
  for (int64_t micros :
       {-86'400'000'001LL, -1LL, 0LL, 1'700'000'000'123'456LL}) {
    absl::Time t = absl::FromUnixMicros(micros);
    EXPECT_EQ(*ParseTimestamp(FormatTimestamp(t)), t) << micros;
  }
}

}  // namespace
}  // namespace unionhub
