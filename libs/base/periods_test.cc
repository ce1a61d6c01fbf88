#include "libs/base/periods.h"

#include <gtest/gtest.h>

namespace unionhub {
namespace {

std::vector<std::string> Keys(const std::vector<Period>& periods) {
  std::vector<std::string> keys;
  for (const Period& p : periods) keys.push_back(p.key);
  return keys;
}

TEST(PeriodsTest, KeysNameTheirSchedule) {
  auto q3 = ParsePeriod(Schedule::kQuarterly, "2026-Q3");
  ASSERT_TRUE(q3.has_value());
  EXPECT_EQ(q3->last_day, absl::CivilDay(2026, 9, 30));
  EXPECT_EQ(ParsePeriod(Schedule::kMonthly, "2026-02")->last_day,
            absl::CivilDay(2026, 2, 28));
  EXPECT_EQ(ParsePeriod(Schedule::kYearly, "2026")->last_day,
            absl::CivilDay(2026, 12, 31));
  EXPECT_FALSE(ParsePeriod(Schedule::kQuarterly, "2026-07").has_value());
  EXPECT_FALSE(ParsePeriod(Schedule::kQuarterly, "2026-Q5").has_value());
  EXPECT_FALSE(ParsePeriod(Schedule::kMonthly, "2026-13").has_value());
  EXPECT_FALSE(ParsePeriod(Schedule::kYearly, "1999").has_value());
  EXPECT_FALSE(ParsePeriod(Schedule::kYearly, "2026-Q1").has_value());
}

TEST(PeriodsTest, PeriodsFallDueAfterTheirGrace) {
  // Quarters due 15 days after they end, in 2026: 2025-Q4 (due 01-15) to
  // 2026-Q3 (due 10-15); 2026-Q4 is due in 2027.
  EXPECT_EQ(
      Keys(PeriodsDue(Schedule::kQuarterly, 15, absl::CivilDay(2026, 1, 1),
                      absl::CivilDay(2026, 12, 31))),
      (std::vector<std::string>{"2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3"}));
  EXPECT_EQ(Keys(PeriodsDue(Schedule::kMonthly, 0, absl::CivilDay(2026, 1, 31),
                            absl::CivilDay(2026, 3, 30))),
            (std::vector<std::string>{"2026-01", "2026-02"}));
  EXPECT_TRUE(PeriodsDue(Schedule::kYearly, 0, absl::CivilDay(2026, 3, 1),
                         absl::CivilDay(2026, 2, 1))
                  .empty());
}

TEST(PeriodsTest, TheNextDueDateIsStrictlyAfterTheDay) {
  EXPECT_EQ(NextDueAfter(Schedule::kQuarterly, 15, absl::CivilDay(2026, 4, 14)),
            absl::CivilDay(2026, 4, 15));
  EXPECT_EQ(NextDueAfter(Schedule::kQuarterly, 15, absl::CivilDay(2026, 4, 15)),
            absl::CivilDay(2026, 7, 15));
  EXPECT_EQ(NextDueAfter(Schedule::kYearly, 90, absl::CivilDay(2026, 3, 31)),
            absl::CivilDay(2027, 3, 31));
  EXPECT_EQ(NextDueAfter(Schedule::kMonthly, 0, absl::CivilDay(2026, 2, 27)),
            absl::CivilDay(2026, 2, 28));
}

}  // namespace
}  // namespace unionhub
