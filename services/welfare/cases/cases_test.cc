// Letters, visits and rights cases on both backends against a real
// membership: due dates from each union's promise (five days by default,
// inherited), overdue lists, escalation to the union above, outcomes with
// money recovered, ratings, and bad input and other tenants.
#include "services/welfare/cases/cases.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "services/welfare/testing.h"

namespace unionhub::welfare {
namespace {

using testing::HasViolation;
using ::testing::SizeIs;
using testing::StatusIs;

class CaseTest : public WelfareTest {
 protected:
  void SetUp() override {
    WelfareTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    cases_ = std::make_unique<Cases>(db_.db.get(), membership_client_.get(),
                                     &clock_);
  }

  static NewCase Injury(const std::string& received) {
    NewCase n;
    n.kind = CaseKind::kRights;
    n.channel = CaseChannel::kVisit;
    n.category = CaseCategory::kInjury;
    n.summary = "农民工工伤赔偿未到位";
    n.received_date = received;
    return n;
  }

  Case MustReceive(const auth::Caller& caller, const NewCase& n) {
    auto c = cases_->Create(caller, {}, n);
    EXPECT_TRUE(c.ok()) << c.status();
    return c.ok() ? *c : Case{};
  }

  std::unique_ptr<Cases> cases_;
};

TEST_P(CaseTest, ACaseIsDueInFiveDaysAndListedWhenOverdue) {
  Case c = MustReceive(admin_a_, Injury("2026-11-16"));
  EXPECT_EQ(c.due_date, absl::CivilDay(2026, 11, 21));
  EXPECT_EQ(c.status, CaseStatus::kOpen);
  CaseQuery overdue;
  overdue.only_overdue = true;
  auto listed = cases_->List(admin_a_, overdue);
  ASSERT_TRUE(listed.ok()) << listed.status();
  EXPECT_TRUE(listed->items.empty());  // Due today: not yet late.
  SetToday("2026-11-22");
  listed = cases_->List(district_admin_, overdue);
  ASSERT_TRUE(listed.ok()) << listed.status();
  EXPECT_THAT(listed->items, SizeIs(1));

  ASSERT_TRUE(cases_->Assign(admin_a_, c.id, "权益保障部", "").ok());
  // Seed 001: a migrant worker's injury case recovered 150,000 yuan.
  auto resolved = cases_->Resolve(admin_a_, c.id, "协调企业足额赔付",
                                  15'000'000, "2026-11-22", "");
  ASSERT_TRUE(resolved.ok()) << resolved.status();
  EXPECT_TRUE(resolved->resolved_late());
  EXPECT_EQ(resolved->money_recovered_fen, 15'000'000);
  listed = cases_->List(admin_a_, overdue);
  ASSERT_TRUE(listed.ok()) << listed.status();
  EXPECT_TRUE(listed->items.empty());
  auto rated = cases_->Rate(admin_a_, c.id, CaseSatisfaction::kSatisfied, "");
  ASSERT_TRUE(rated.ok()) << rated.status();
  EXPECT_THAT(cases_->Rate(admin_a_, c.id, CaseSatisfaction::kUnsatisfied, ""),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(cases_->Assign(admin_a_, c.id, "再派", ""),
              StatusIs(absl::StatusCode::kFailedPrecondition));
}

TEST_P(CaseTest, AUnionsPromiseAppliesBelowItUnlessOneSetsItsOwn) {
  ASSERT_TRUE(cases_->SetPromise(district_admin_, "", 3).ok());
  ASSERT_TRUE(cases_->SetPromise(admin_a_, "", 7).ok());
  ASSERT_TRUE(cases_->SetPromise(admin_a_, "", 7).ok());  // Again: no change.
  EXPECT_EQ(MustReceive(admin_b_, Injury("2026-11-20")).due_date,
            absl::CivilDay(2026, 11, 23));
  EXPECT_EQ(MustReceive(admin_a_, Injury("2026-11-20")).due_date,
            absl::CivilDay(2026, 11, 27));
  EXPECT_THAT(cases_->SetPromise(admin_a_, "", 0),
              HasViolation("promise_days"));
  EXPECT_THAT(cases_->SetPromise(admin_b_, school_a_.id, 9),
              StatusIs(absl::StatusCode::kNotFound));
}

TEST_P(CaseTest, AnEscalatedCaseGoesToTheUnionAbove) {
  Case c = MustReceive(admin_a_, Injury("2026-11-18"));
  auto up = cases_->Escalate(admin_a_, c.id, "企业拒不配合", "");
  ASSERT_TRUE(up.ok()) << up.status();
  EXPECT_EQ(up->organisation_id, district_.id);
  EXPECT_EQ(up->received_by_organisation_id, school_a_.id);
  EXPECT_EQ(up->escalations, 1);
  EXPECT_EQ(up->due_date, absl::CivilDay(2026, 11, 26));  // Today + 5.
  // The school still follows it, but the district handles it now.
  EXPECT_TRUE(cases_->Get(admin_a_, c.id).ok());
  EXPECT_THAT(cases_->Assign(admin_a_, c.id, "权益保障部", ""),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_TRUE(
      cases_
          ->Resolve(district_admin_, c.id, "仲裁支持", 500000, "2026-11-21", "")
          .ok());
  // Nothing is above the root federation.
  Case top = MustReceive(federation_, Injury("2026-11-21"));
  EXPECT_THAT(cases_->Escalate(federation_, top.id, "无", ""),
              StatusIs(absl::StatusCode::kFailedPrecondition));
}

TEST_P(CaseTest, BadInputNamesTheFieldAndWritesNothing) {
  NewCase n;
  n.received_date = "2026-12-01";
  auto bad = cases_->Create(admin_a_, {}, n);
  EXPECT_THAT(bad, HasViolation("case.kind"));
  EXPECT_THAT(bad, HasViolation("case.channel"));
  EXPECT_THAT(bad, HasViolation("case.category"));
  EXPECT_THAT(bad, HasViolation("case.summary"));
  EXPECT_THAT(bad, HasViolation("case.received_date"));
  n = Injury("2026-11-20");
  n.person_id = "bad";
  EXPECT_THAT(cases_->Create(admin_a_, {}, n), HasViolation("case.person_id"));
  // A complainant from another union is not the school's to name.
  n.person_id = membership_->MustCreateMember(school_b_, "孙丽", 8).person_id;
  EXPECT_THAT(cases_->Create(admin_a_, {}, n),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_EQ(CountRows("cases"), 0);
  Case c = MustReceive(admin_a_, Injury("2026-11-20"));
  EXPECT_THAT(cases_->Resolve(admin_a_, c.id, "", -1, "2026-11-19", ""),
              HasViolation("money_recovered_fen"));
  EXPECT_THAT(cases_->Resolve(admin_a_, c.id, "办结", 0, "2026-11-19", ""),
              HasViolation("resolved_date"));
}

TEST_P(CaseTest, OtherUnionsSeeAndChangeNothing) {
  Case c = MustReceive(admin_a_, Injury("2026-11-20"));
  EXPECT_THAT(cases_->Get(admin_b_, c.id),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(cases_->Escalate(admin_b_, c.id, "越权", ""),
              StatusIs(absl::StatusCode::kNotFound));
  auto b_list = cases_->List(admin_b_, {});
  ASSERT_TRUE(b_list.ok()) << b_list.status();
  EXPECT_TRUE(b_list->items.empty());
}

UNIONHUB_ON_BOTH_BACKENDS(CaseTest);

}  // namespace
}  // namespace unionhub::welfare
