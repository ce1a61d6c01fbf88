// Condolence standards and visits on both backends against a real membership:
// each union's own standard or its parent's, the one in force on the visit's
// date, refusals that name the rule, yearly caps, and visits that keep the
// standard they were recorded under.
#include "services/welfare/condolences/condolences.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "services/welfare/testing.h"

namespace unionhub::welfare {
namespace {

using ::testing::HasSubstr;
using testing::HasViolation;
using ::testing::SizeIs;
using testing::StatusIs;

class CondolenceTest : public WelfareTest {
 protected:
  void SetUp() override {
    WelfareTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    condolences_ = std::make_unique<Condolences>(
        db_.db.get(), membership_client_.get(), &clock_);
    member_a_ = membership_->MustCreateMember(school_a_, "刘静", 2);
    member_b_ = membership_->MustCreateMember(school_b_, "陈晨", 4);
    // The district: childbirth 800 to 1,200 yuan from 2026-01-01.
    MustSet(district_admin_, Standard(district_, CondolenceEvent::kChildbirth,
                                      "2026-01-01", 80000, 120000));
    // School A's own from 2026-06-01: 1,000 to 1,500 (seed 004), once a year;
    // sickness 200 to 500, at most 1,000 a year.
    NewCondolenceStandard childbirth = Standard(
        school_a_, CondolenceEvent::kChildbirth, "2026-06-01", 100000, 150000);
    childbirth.max_visits_per_year = 1;
    a_childbirth_ = MustSet(admin_a_, childbirth);
    NewCondolenceStandard sickness = Standard(
        school_a_, CondolenceEvent::kSickness, "2026-01-01", 20000, 50000);
    sickness.max_fen_per_year = 100000;
    MustSet(admin_a_, sickness);
  }

  static NewCondolenceStandard Standard(const membership::Organisation& org,
                                        CondolenceEvent event,
                                        const std::string& from, int64_t min,
                                        int64_t max) {
    NewCondolenceStandard n;
    n.organisation_id = org.id;
    n.event = event;
    n.effective_date = from;
    n.min_amount_fen = min;
    n.max_amount_fen = max;
    n.paying_level = PayingLevel::kUnion;
    n.form = CondolenceForm::kCash;
    return n;
  }

  CondolenceStandard MustSet(const auth::Caller& caller,
                             const NewCondolenceStandard& n) {
    auto c = condolences_->CreateStandard(caller, {}, n);
    EXPECT_TRUE(c.ok()) << c.status();
    return c.ok() ? *c : CondolenceStandard{};
  }

  absl::StatusOr<CondolenceVisit> Visit(const auth::Caller& caller,
                                        const membership::Member& m,
                                        CondolenceEvent event,
                                        const std::string& date, int64_t fen) {
    return condolences_->RecordVisit(caller, {},
                                     {m.person_id, event, date, fen, ""});
  }

  std::unique_ptr<Condolences> condolences_;
  membership::Member member_a_, member_b_;
  CondolenceStandard a_childbirth_;
};

TEST_P(CondolenceTest, AVisitThatBreaksTheStandardIsRefusedNamingTheRule) {
  auto refused = Visit(admin_a_, member_a_, CondolenceEvent::kChildbirth,
                       "2026-11-01", 160000);
  EXPECT_THAT(refused, HasViolation("visit.amount_fen"));
  EXPECT_THAT(refused.status().message(), HasSubstr("CHILDBIRTH"));
  EXPECT_THAT(
      refused.status().message(),
      HasSubstr("1000.00 yuan to 1500.00 yuan: 1600.00 yuan is refused"));
  auto visit = Visit(admin_a_, member_a_, CondolenceEvent::kChildbirth,
                     "2026-11-01", 150000);
  ASSERT_TRUE(visit.ok()) << visit.status();
  EXPECT_EQ(visit->standard_id, a_childbirth_.id);
  EXPECT_EQ(visit->form, CondolenceForm::kCash);
  EXPECT_EQ(visit->organisation_id, school_a_.id);
  EXPECT_EQ(CountRows("condolence_visits"), 1);
}

TEST_P(CondolenceTest, AUnionWithoutItsOwnStandardFollowsItsParent) {
  EXPECT_THAT(Visit(admin_b_, member_b_, CondolenceEvent::kChildbirth,
                    "2026-11-01", 130000),
              HasViolation("visit.amount_fen"));
  auto visit = Visit(admin_b_, member_b_, CondolenceEvent::kChildbirth,
                     "2026-11-01", 100000);
  ASSERT_TRUE(visit.ok()) << visit.status();
  EXPECT_EQ(visit->standard_organisation_id, district_.id);
  auto effective = condolences_->EffectiveStandards(admin_b_, "", "2026-11-01");
  ASSERT_TRUE(effective.ok()) << effective.status();
  ASSERT_THAT(*effective, SizeIs(1));
  EXPECT_EQ((*effective)[0].organisation_id, district_.id);
  effective = condolences_->EffectiveStandards(admin_a_, "", "2026-11-01");
  ASSERT_TRUE(effective.ok()) << effective.status();
  ASSERT_THAT(*effective, SizeIs(2));  // Its own sickness and childbirth.
  EXPECT_EQ((*effective)[1].id, a_childbirth_.id);
}

TEST_P(CondolenceTest, TheStandardInForceOnTheVisitsDateApplies) {
  // Before school A's own standard took effect, the district's applied.
  auto before = Visit(admin_a_, member_a_, CondolenceEvent::kChildbirth,
                      "2026-05-01", 130000);
  EXPECT_THAT(before, HasViolation("visit.amount_fen"));
  EXPECT_THAT(before.status().message(), HasSubstr(district_.id));
  ASSERT_TRUE(Visit(admin_a_, member_a_, CondolenceEvent::kChildbirth,
                    "2026-07-01", 130000)
                  .ok());
}

TEST_P(CondolenceTest, ANewStandardLeavesRecordedVisitsAlone) {
  auto visit = Visit(admin_a_, member_a_, CondolenceEvent::kChildbirth,
                     "2026-07-01", 120000);
  ASSERT_TRUE(visit.ok()) << visit.status();
  // Not dated before the union's latest for the event.
  EXPECT_THAT(condolences_->CreateStandard(
                  admin_a_, {},
                  Standard(school_a_, CondolenceEvent::kChildbirth,
                           "2026-06-01", 200000, 300000)),
              HasViolation("standard.effective_date"));
  MustSet(admin_a_, Standard(school_a_, CondolenceEvent::kChildbirth,
                             "2026-11-01", 200000, 300000));
  auto again = condolences_->GetVisit(admin_a_, visit->id);
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->standard_id, a_childbirth_.id);
  EXPECT_EQ(again->amount_fen, 120000);
  auto listed = condolences_->ListStandards(
      admin_a_, "", CondolenceEvent::kChildbirth, 10, "");
  ASSERT_TRUE(listed.ok()) << listed.status();
  EXPECT_THAT(listed->items, SizeIs(2));  // Both versions kept.
}

TEST_P(CondolenceTest, YearlyCapsPerMemberAndEvent) {
  ASSERT_TRUE(Visit(admin_a_, member_a_, CondolenceEvent::kChildbirth,
                    "2026-07-01", 120000)
                  .ok());
  auto second = Visit(admin_a_, member_a_, CondolenceEvent::kChildbirth,
                      "2026-09-01", 120000);
  EXPECT_THAT(second, StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(second.status().message(), HasSubstr("1 visit(s) a year"));
  ASSERT_TRUE(Visit(admin_a_, member_a_, CondolenceEvent::kSickness,
                    "2026-03-01", 50000)
                  .ok());
  ASSERT_TRUE(Visit(admin_a_, member_a_, CondolenceEvent::kSickness,
                    "2026-04-01", 50000)
                  .ok());
  auto over = Visit(admin_a_, member_a_, CondolenceEvent::kSickness,
                    "2026-05-01", 20000);
  EXPECT_THAT(over, HasViolation("visit.amount_fen"));
  EXPECT_THAT(over.status().message(), HasSubstr("at most 0.00 yuan more"));
  EXPECT_EQ(CountRows("condolence_visits"), 3);
}

TEST_P(CondolenceTest, VisitsNeedAStandardAndTheRightMember) {
  EXPECT_THAT(Visit(admin_a_, member_a_, CondolenceEvent::kMarriage,
                    "2026-11-01", 50000),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  MustSet(district_admin_,
          Standard(district_, CondolenceEvent::kRetireeFestival, "2026-01-01",
                   20000, 30000));
  auto active = Visit(admin_a_, member_a_, CondolenceEvent::kRetireeFestival,
                      "2026-11-01", 20000);
  EXPECT_THAT(active, StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(active.status().message(), HasSubstr("retired"));
  EXPECT_THAT(Visit(admin_a_, member_a_, CondolenceEvent::kSickness,
                    "2026-12-01", 20000),
              HasViolation("visit.visit_date"));  // In the future.
  EXPECT_EQ(CountRows("condolence_visits"), 0);
}

TEST_P(CondolenceTest, BadStandardsNameTheirFields) {
  NewCondolenceStandard n =
      Standard(school_a_, CondolenceEvent::kUnspecified, "2026-13-01", -1, -2);
  n.paying_level = PayingLevel::kUnspecified;
  n.max_visits_per_year = -1;
  auto bad = condolences_->CreateStandard(admin_a_, {}, n);
  EXPECT_THAT(bad, HasViolation("standard.event"));
  EXPECT_THAT(bad, HasViolation("standard.effective_date"));
  EXPECT_THAT(bad, HasViolation("standard.min_amount_fen"));
  EXPECT_THAT(bad, HasViolation("standard.max_amount_fen"));
  EXPECT_THAT(bad, HasViolation("standard.paying_level"));
  EXPECT_THAT(bad, HasViolation("standard.max_visits_per_year"));
  // School B may not set school A's standards.
  EXPECT_THAT(condolences_->CreateStandard(
                  admin_b_, {},
                  Standard(school_a_, CondolenceEvent::kMarriage, "2026-01-01",
                           10000, 20000)),
              StatusIs(absl::StatusCode::kNotFound));
}

TEST_P(CondolenceTest, OtherUnionsSeeAndChangeNothing) {
  auto visit = Visit(admin_a_, member_a_, CondolenceEvent::kSickness,
                     "2026-11-01", 30000);
  ASSERT_TRUE(visit.ok()) << visit.status();
  EXPECT_THAT(condolences_->GetVisit(admin_b_, visit->id),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(Visit(admin_b_, member_a_, CondolenceEvent::kSickness,
                    "2026-11-01", 30000),
              StatusIs(absl::StatusCode::kNotFound));
  auto b_visits = condolences_->ListVisits(admin_b_, {});
  ASSERT_TRUE(b_visits.ok()) << b_visits.status();
  EXPECT_TRUE(b_visits->items.empty());
  auto district = condolences_->ListVisits(district_admin_, {});
  ASSERT_TRUE(district.ok()) << district.status();
  EXPECT_THAT(district->items, SizeIs(1));
}

TEST_P(CondolenceTest, MembershipDownIsUnavailableAndWritesNothing) {
  membership_->Stop();
  EXPECT_THAT(Visit(admin_a_, member_a_, CondolenceEvent::kSickness,
                    "2026-11-01", 30000),
              StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_EQ(CountRows("condolence_visits"), 0);
}

UNIONHUB_ON_BOTH_BACKENDS(CondolenceTest);

}  // namespace
}  // namespace unionhub::welfare
