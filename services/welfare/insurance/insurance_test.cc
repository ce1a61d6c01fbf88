// Mutual-aid insurance on both backends against a real membership: one
// enrolment per person, plan and year, the women's plan for women, claims
// within the year, payouts within the coverage, and other tenants.
#include "services/welfare/insurance/insurance.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "services/welfare/testing.h"

namespace unionhub::welfare {
namespace {

using ::testing::HasSubstr;
using testing::HasViolation;
using testing::StatusIs;

class InsuranceTest : public WelfareTest {
 protected:
  void SetUp() override {
    WelfareTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    insurance_ = std::make_unique<Insurance>(db_.db.get(),
                                             membership_client_.get(), &clock_);
    woman_ = membership_->MustCreateMember(school_a_, "林芳", 2);  // Even: F.
    man_ = membership_->MustCreateMember(school_a_, "张伟", 1);
  }

  NewInsuranceEnrolment WomensPlan(const membership::Member& m) {
    return {m.person_id, InsurancePlan::kWomenDisease, 2026, 3000, 1'000'000};
  }

  std::unique_ptr<Insurance> insurance_;
  membership::Member woman_, man_;
};

TEST_P(InsuranceTest, ClaimsArePaidWithinTheCoverage) {
  auto enrolled = insurance_->Enrol(admin_a_, {}, WomensPlan(woman_));
  ASSERT_TRUE(enrolled.ok()) << enrolled.status();
  EXPECT_THAT(insurance_->Enrol(admin_a_, {}, WomensPlan(woman_)),
              StatusIs(absl::StatusCode::kAlreadyExists));
  auto first = insurance_->FileClaim(
      admin_a_, {}, {enrolled->id, "2026-10-01", "确诊住院", 600'000});
  ASSERT_TRUE(first.ok()) << first.status();
  auto paid =
      insurance_->Decide(admin_a_, first->id, 600'000, "", "2026-11-01");
  ASSERT_TRUE(paid.ok()) << paid.status();
  EXPECT_EQ(paid->first.status, ClaimStatus::kPaid);
  EXPECT_EQ(paid->second.paid_out_fen, 600'000);
  EXPECT_THAT(insurance_->Decide(admin_a_, first->id, 1, "", "2026-11-01"),
              StatusIs(absl::StatusCode::kFailedPrecondition));

  auto second = insurance_->FileClaim(
      admin_a_, {}, {enrolled->id, "2026-11-05", "复发", 500'000});
  ASSERT_TRUE(second.ok()) << second.status();
  auto over =
      insurance_->Decide(admin_a_, second->id, 500'000, "", "2026-11-20");
  EXPECT_THAT(over, HasViolation("payout_fen"));
  EXPECT_THAT(over.status().message(), HasSubstr("400000 fen"));
  auto rest =
      insurance_->Decide(admin_a_, second->id, 400'000, "", "2026-11-20");
  ASSERT_TRUE(rest.ok()) << rest.status();
  EXPECT_EQ(rest->second.paid_out_fen, 1'000'000);

  auto third = insurance_->FileClaim(
      admin_a_, {}, {enrolled->id, "2026-11-10", "再次住院", 100'000});
  ASSERT_TRUE(third.ok()) << third.status();
  EXPECT_THAT(insurance_->Decide(admin_a_, third->id, 0, "", "2026-11-20"),
              HasViolation("rejection_reason"));
  auto refused =
      insurance_->Decide(admin_a_, third->id, 0, "保额已用完", "2026-11-20");
  ASSERT_TRUE(refused.ok()) << refused.status();
  EXPECT_EQ(refused->first.status, ClaimStatus::kRejected);
}

TEST_P(InsuranceTest, TheWomensPlanIsForWomenAndClaimsForItsYear) {
  auto refused = insurance_->Enrol(admin_a_, {}, WomensPlan(man_));
  EXPECT_THAT(refused, StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(refused.status().message(), HasSubstr("women"));
  auto accident = insurance_->Enrol(
      admin_a_, {},
      {man_.person_id, InsurancePlan::kAccident, 2025, 2000, 500'000});
  ASSERT_TRUE(accident.ok()) << accident.status();
  EXPECT_THAT(insurance_->FileClaim(
                  admin_a_, {}, {accident->id, "2026-03-01", "骨折", 10'000}),
              HasViolation("claim.event_date"));
  NewInsuranceEnrolment bad{"", InsurancePlan::kUnspecified, 1990, -1, 0};
  auto invalid = insurance_->Enrol(admin_a_, {}, bad);
  EXPECT_THAT(invalid, HasViolation("enrolment.person_id"));
  EXPECT_THAT(invalid, HasViolation("enrolment.plan"));
  EXPECT_THAT(invalid, HasViolation("enrolment.year"));
  EXPECT_THAT(invalid, HasViolation("enrolment.premium_fen"));
  EXPECT_THAT(invalid, HasViolation("enrolment.coverage_fen"));
  EXPECT_EQ(CountRows("insurance_enrolments"), 1);
}

TEST_P(InsuranceTest, OtherUnionsSeeAndChangeNothing) {
  auto enrolled = insurance_->Enrol(admin_a_, {}, WomensPlan(woman_));
  ASSERT_TRUE(enrolled.ok()) << enrolled.status();
  EXPECT_THAT(insurance_->FileClaim(admin_b_, {},
                                    {enrolled->id, "2026-10-01", "住院", 1000}),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(insurance_->Enrol(admin_b_, {}, WomensPlan(woman_)),
              StatusIs(absl::StatusCode::kNotFound));
  auto b_list = insurance_->ListEnrolments(admin_b_, "", 0,
                                           InsurancePlan::kUnspecified, 10, "");
  ASSERT_TRUE(b_list.ok()) << b_list.status();
  EXPECT_TRUE(b_list->items.empty());
}

UNIONHUB_ON_BOTH_BACKENDS(InsuranceTest);

}  // namespace
}  // namespace unionhub::welfare
