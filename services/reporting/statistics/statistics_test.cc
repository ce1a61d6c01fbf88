// The annual statistics report on both backends: a school's form from its
// figures and hand fields, the logic and variance checks, submission, the
// parent's review (approve, return with a reason, exempt), and the roll-up
// that waits for every child.
#include "services/reporting/statistics/statistics.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "libs/testing/backends.h"
#include "libs/testing/matchers.h"
#include "services/reporting/testing.h"

namespace unionhub::reporting {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::HasViolation;
using testing::StatusIs;

class StatisticsTest : public ReportingTest {
 protected:
  void SetUp() override {
    ReportingTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    statistics_ = std::make_unique<Statistics>(
        reporting_.db.get(), StatisticsOptions{10, 2000}, &clock_);
  }

  static int64_t Field(const StatisticsForm& form, const std::string& code) {
    for (const FormField& f : form.fields)
      if (f.code == code) return f.value;
    ADD_FAILURE() << "no field " << code;
    return -1;
  }

  static std::vector<std::string> Blocking(const StatisticsForm& form) {
    std::vector<std::string> out;
    for (const FormProblem& p : form.problems)
      if (p.blocking) out.push_back(absl::StrJoin(p.fields, "+"));
    return out;
  }

  // The school's form with employees entered, submitted.
  StatisticsForm MustSubmit(const auth::Caller& admin, int year,
                            int64_t employees, int64_t women_employees = 5) {
    auto saved = statistics_->Update(
        admin, "", year,
        {{"employees", employees}, {"women_employees", women_employees}}, {},
        "");
    EXPECT_TRUE(saved.ok()) << saved.status();
    auto submitted = statistics_->Submit(admin, "", year, saved->etag);
    EXPECT_TRUE(submitted.ok()) << submitted.status();
    return submitted.value_or(StatisticsForm{});
  }

  std::unique_ptr<Statistics> statistics_;
};

TEST_P(StatisticsTest, ASchoolsFormComesFromItsFiguresAndHandFields) {
  MustJoin(school_a_, 1, "2010-09-01");
  MustJoin(school_a_, 2, "2012-09-01");
  MustJoin(school_a_, 4, "2025-11-01");  // Within statistics year 2026.
  CatchUp();
  auto form = statistics_->Get(admin_a_, "", 2026);
  ASSERT_TRUE(form.ok()) << form.status();
  EXPECT_FALSE(form->roll_up);
  EXPECT_EQ(form->status, FormStatus::kDraft);
  EXPECT_EQ(Field(*form, "members"), 3);
  EXPECT_EQ(Field(*form, "women_members"), 2);
  EXPECT_EQ(Field(*form, "new_members"), 1);
  // No employees entered yet: it cannot go, and the problems say why.
  EXPECT_THAT(Blocking(*form), ::testing::Contains("employees"));
  EXPECT_THAT(
      statistics_->Submit(admin_a_, "", 2026, ""),
      StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("职工人数")));

  auto saved = statistics_->Update(
      admin_a_, "", 2026, {{"employees", 40}, {"women_employees", 25}}, {}, "");
  ASSERT_TRUE(saved.ok()) << saved.status();
  EXPECT_EQ(Field(*saved, "employees"), 40);
  EXPECT_TRUE(Blocking(*saved).empty());
  EXPECT_FALSE(saved->etag.empty());
  // A stale etag is refused.
  EXPECT_THAT(statistics_->Update(admin_a_, "", 2026, {{"employees", 41}}, {},
                                  "stale000000000"),
              StatusIs(absl::StatusCode::kAborted));
}

TEST_P(StatisticsTest, LogicChecksNameTheirFields) {
  for (int i = 1; i <= 4; ++i) MustJoin(school_a_, i * 2, "2010-09-01");
  CatchUp();
  auto form = statistics_->Update(
      admin_a_, "", 2026, {{"employees", 3}, {"women_employees", 1}}, {}, "");
  ASSERT_TRUE(form.ok()) << form.status();
  // Four women members: more than the employees and the women employees.
  EXPECT_THAT(Blocking(*form), ElementsAre("women_members+women_employees",
                                           "members+employees"));
  EXPECT_THAT(
      statistics_->Submit(admin_a_, "", 2026, form->etag),
      StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("入会率")));
  // Bad input names the field.
  EXPECT_THAT(statistics_->Update(admin_a_, "", 2026, {{"members", 5}}, {}, ""),
              HasViolation("hand_values[members]"));
  EXPECT_THAT(
      statistics_->Update(admin_a_, "", 2026, {{"employees", -1}}, {}, ""),
      HasViolation("hand_values[employees]"));
  EXPECT_THAT(statistics_->Get(admin_a_, "", 1800), HasViolation("year"));
}

TEST_P(StatisticsTest, ParentReviewsAndTheRollUpWaitsForEveryChild) {
  MustJoin(school_a_, 1, "2010-09-01");
  MustJoin(school_b_, 2, "2010-09-01");
  MustJoin(school_b_, 3, "2010-09-01");
  CatchUp();
  StatisticsForm a = MustSubmit(admin_a_, 2026, 10);
  EXPECT_EQ(a.status, FormStatus::kSubmitted);
  StatisticsForm b = MustSubmit(admin_b_, 2026, 20);

  // Submitted forms are frozen: a new member does not change them.
  MustJoin(school_a_, 5, "2010-09-01");
  CatchUp();
  auto frozen = statistics_->Get(admin_a_, "", 2026);
  ASSERT_TRUE(frozen.ok());
  EXPECT_EQ(Field(*frozen, "members"), 1);
  EXPECT_THAT(
      statistics_->Update(admin_a_, "", 2026, {{"employees", 9}}, {}, ""),
      StatusIs(absl::StatusCode::kFailedPrecondition));

  // Nobody reviews their own form; a sibling cannot see it.
  EXPECT_THAT(statistics_->Review(admin_a_, "", 2026, true, "", ""),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(statistics_->Review(admin_b_, school_a_.id, 2026, true, "", ""),
              StatusIs(absl::StatusCode::kNotFound));
  // The district cannot submit its roll-up before its children are approved.
  EXPECT_THAT(statistics_->Submit(district_admin_, "", 2026, ""),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("第一中学工会（已上报）")));

  ASSERT_TRUE(
      statistics_->Review(district_admin_, school_a_.id, 2026, true, "", a.etag)
          .ok());
  EXPECT_THAT(
      statistics_->Review(district_admin_, school_b_.id, 2026, false, "", ""),
      HasViolation("reason"));
  auto returned = statistics_->Review(district_admin_, school_b_.id, 2026,
                                      false, "职工人数与人事报表不符", b.etag);
  ASSERT_TRUE(returned.ok()) << returned.status();
  EXPECT_EQ(returned->status, FormStatus::kReturned);
  EXPECT_EQ(returned->note, "职工人数与人事报表不符");

  auto children = statistics_->ListChildren(district_admin_, "", 2026);
  ASSERT_TRUE(children.ok()) << children.status();
  ASSERT_EQ(children->children.size(), 2u);
  EXPECT_EQ(children->done, 1);

  // B corrects and submits again; once approved, the roll-up can go.
  StatisticsForm b2 = MustSubmit(admin_b_, 2026, 25);
  ASSERT_TRUE(
      statistics_
          ->Review(district_admin_, school_b_.id, 2026, true, "", b2.etag)
          .ok());
  auto roll_up = statistics_->Get(district_admin_, "", 2026);
  ASSERT_TRUE(roll_up.ok()) << roll_up.status();
  EXPECT_TRUE(roll_up->roll_up);
  EXPECT_EQ(Field(*roll_up, "members"), 3);  // 1 + 2, as approved.
  EXPECT_EQ(Field(*roll_up, "employees"), 35);
  // A roll-up has no hand fields of its own.
  EXPECT_THAT(statistics_->Update(district_admin_, "", 2026, {{"employees", 1}},
                                  {}, ""),
              HasViolation("hand_values"));
  auto sent = statistics_->Submit(district_admin_, "", 2026, roll_up->etag);
  ASSERT_TRUE(sent.ok()) << sent.status();
  auto approved =
      statistics_->Review(federation_, district_.id, 2026, true, "", "");
  ASSERT_TRUE(approved.ok()) << approved.status();

  // Who did each step, and when.
  auto history = statistics_->Get(federation_, school_b_.id, 2026);
  ASSERT_TRUE(history.ok());
  std::vector<std::string> steps;
  for (const FormStep& s : history->steps)
    steps.push_back(absl::StrCat(s.step, " ", s.key_id));
  EXPECT_THAT(
      steps,
      ElementsAre("saved " + admin_b_.key_id, "submitted " + admin_b_.key_id,
                  "returned " + district_admin_.key_id,
                  "saved " + admin_b_.key_id, "submitted " + admin_b_.key_id,
                  "approved " + district_admin_.key_id));
}

TEST_P(StatisticsTest, AnExemptChildDoesNotHoldUpTheRollUp) {
  MustJoin(school_a_, 1, "2010-09-01");
  CatchUp();
  StatisticsForm a = MustSubmit(admin_a_, 2026, 10);
  ASSERT_TRUE(
      statistics_->Review(district_admin_, school_a_.id, 2026, true, "", a.etag)
          .ok());
  EXPECT_THAT(statistics_->Exempt(district_admin_, school_b_.id, 2026, ""),
              HasViolation("reason"));
  auto exempt = statistics_->Exempt(district_admin_, school_b_.id, 2026,
                                    "2026年10月新建会，下年度起报");
  ASSERT_TRUE(exempt.ok()) << exempt.status();
  EXPECT_EQ(exempt->status, FormStatus::kExempt);
  EXPECT_TRUE(statistics_->Submit(district_admin_, "", 2026, "").ok());
}

TEST_P(StatisticsTest, AChangeBeyondTheShareFromLastYearNeedsAnExplanation) {
  for (int i = 1; i <= 10; ++i) MustJoin(school_a_, i, "2010-09-01");
  CatchUp();
  // Last year's form, approved: 10 members.
  StatisticsForm last = MustSubmit(admin_a_, 2025, 20, 8);
  ASSERT_TRUE(
      statistics_
          ->Review(district_admin_, school_a_.id, 2025, true, "", last.etag)
          .ok());
  for (int i = 11; i <= 14; ++i) MustJoin(school_a_, i, "2026-03-01");
  CatchUp();
  auto form = statistics_->Update(
      admin_a_, "", 2026, {{"employees", 21}, {"women_employees", 9}}, {}, "");
  ASSERT_TRUE(form.ok()) << form.status();
  // 14 members against 10 approved (7 women against 5): +40%, beyond 20%.
  EXPECT_THAT(Blocking(*form), ElementsAre("members", "women_members"));
  EXPECT_THAT(
      statistics_->Submit(admin_a_, "", 2026, form->etag),
      StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("请说明原因")));
  auto explained = statistics_->Update(
      admin_a_, "", 2026, {},
      {{"members", "新招聘教师4人入会"}, {"women_members", "其中女教师2人"}},
      form->etag);
  ASSERT_TRUE(explained.ok()) << explained.status();
  EXPECT_THAT(Blocking(*explained), ::testing::IsEmpty());
  EXPECT_TRUE(statistics_->Submit(admin_a_, "", 2026, explained->etag).ok());
}

UNIONHUB_ON_BOTH_BACKENDS(StatisticsTest);

}  // namespace
}  // namespace unionhub::reporting
