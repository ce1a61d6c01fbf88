// The rule book of a congress as plain functions: quorum and pass edges,
// composition shares in integers, names and age bands.
#include "services/democracy/domain.h"

#include <gtest/gtest.h>

namespace unionhub::democracy {
namespace {

TEST(QuorumTest, TwoThirdsOfAllRepresentativesAndNoFewer) {
  // 62 * 2/3 = 41.33: 42 present is a quorum, 41 is not.
  EXPECT_TRUE(IsQuorum(42, 62));
  EXPECT_FALSE(IsQuorum(41, 62));
  EXPECT_EQ(QuorumOf(62), 42);
  // Exactly two thirds is enough.
  EXPECT_TRUE(IsQuorum(40, 60));
  EXPECT_FALSE(IsQuorum(39, 60));
  EXPECT_EQ(QuorumOf(60), 40);
  EXPECT_FALSE(IsQuorum(0, 0));
}

TEST(PassTest, MoreThanHalfOfAllRepresentatives) {
  EXPECT_FALSE(Passes(31, 62));  // Exactly half is not a pass.
  EXPECT_TRUE(Passes(32, 62));
  EXPECT_FALSE(Passes(31, 63));
  EXPECT_TRUE(Passes(32, 63));
}

TEST(CompositionTest, SharesAreComparedWithoutRounding) {
  CompositionRule teachers{CompositionMeasure::kGroup,
                           RepresentativeGroup::kTeacher,
                           CompositionBound::kAtLeast, 6000};
  EXPECT_TRUE(Keeps(teachers, 6, 10));
  EXPECT_FALSE(Keeps(teachers, 37, 62));  // 59.7%
  EXPECT_TRUE(Keeps(teachers, 38, 62));   // 61.3%
  EXPECT_FALSE(Keeps(teachers, 0, 0));    // Nobody seated meets nothing.
  CompositionRule managers{CompositionMeasure::kGroup,
                           RepresentativeGroup::kManager,
                           CompositionBound::kAtMost, 2000};
  EXPECT_TRUE(Keeps(managers, 2, 10));
  EXPECT_FALSE(Keeps(managers, 3, 10));

  CompositionCounts counts;
  counts.seated = 10;
  counts.women = 5;
  counts.by_group = {{RepresentativeGroup::kTeacher, 7},
                     {RepresentativeGroup::kManager, 3}};
  CompositionRule women{CompositionMeasure::kWomen,
                        RepresentativeGroup::kUnspecified,
                        CompositionBound::kAtLeast, 5800};
  Composition c = Measure(counts, {teachers, managers, women});
  ASSERT_EQ(c.rules.size(), 3u);
  EXPECT_TRUE(c.rules[0].met);
  EXPECT_EQ(c.rules[0].count, 7);
  EXPECT_FALSE(c.rules[1].met);
  EXPECT_FALSE(c.rules[2].met);
  EXPECT_EQ(c.rules[2].count, 5);
  EXPECT_FALSE(c.all_rules_met);
}

TEST(NamesTest, TermsAndSessionsAreNamedAsUnionsWriteThem) {
  EXPECT_EQ(ChineseNumber(3), "三");
  EXPECT_EQ(ChineseNumber(10), "十");
  EXPECT_EQ(ChineseNumber(12), "十二");
  EXPECT_EQ(ChineseNumber(20), "二十");
  EXPECT_EQ(ChineseNumber(35), "三十五");
  EXPECT_EQ(SessionName(3, 3), "三届三次");
  EXPECT_EQ(SessionName(4, 2), "四届二次");
  EXPECT_EQ(TermName(CongressKind::kTeachers, 3), "第三届教职工代表大会");
  EXPECT_EQ(TermName(CongressKind::kWorkers, 11), "第十一届职工代表大会");
}

TEST(AgeBandTest, CountsTheBirthdayItself) {
  absl::CivilDay born(1989, 9, 1);
  EXPECT_EQ(AgeBandOn(born, absl::CivilDay(2024, 8, 31)), AgeBand::kUnder35);
  EXPECT_EQ(AgeBandOn(born, absl::CivilDay(2024, 9, 1)), AgeBand::k35To49);
  EXPECT_EQ(AgeBandOn(absl::CivilDay(1974, 9, 1), absl::CivilDay(2024, 9, 1)),
            AgeBand::k50AndOver);
}

TEST(DisclosureScheduleTest, OnlyScheduledEntriesHavePeriods) {
  using F = DisclosureFrequency;
  EXPECT_EQ(ScheduleOf(F::kMonthly), Schedule::kMonthly);
  EXPECT_EQ(ScheduleOf(F::kQuarterly), Schedule::kQuarterly);
  EXPECT_EQ(ScheduleOf(F::kYearly), Schedule::kYearly);
  EXPECT_FALSE(ScheduleOf(F::kPerEvent).has_value());
  EXPECT_FALSE(ScheduleOf(F::kUnspecified).has_value());
}

}  // namespace
}  // namespace unionhub::democracy
