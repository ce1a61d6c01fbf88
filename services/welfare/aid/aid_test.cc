// Funds, campaigns, applications and payments on both backends, asking a real
// membership on loopback: the way from application to payment, who may take
// each step, eligibility, caps, budgets under concurrent approvals, payments
// that never pay twice under concurrent retries, and the stacking alert.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <thread>

#include "services/welfare/aid/applications.h"
#include "services/welfare/aid/campaigns.h"
#include "services/welfare/aid/funds.h"
#include "services/welfare/convert.h"
#include "services/welfare/hardship/hardship.h"
#include "services/welfare/testing.h"

namespace unionhub::welfare {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::HasViolation;
using ::testing::SizeIs;
using testing::StatusIs;

class AidTest : public WelfareTest {
 protected:
  void SetUp() override {
    WelfareTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    hardship_ = std::make_unique<Hardship>(db_.db.get(),
                                           membership_client_.get(), &clock_);
    funds_ = std::make_unique<Funds>(db_.db.get(), membership_client_.get(),
                                     &clock_);
    campaigns_ = std::make_unique<Campaigns>(db_.db.get(),
                                             membership_client_.get(), &clock_);
    applications_ = std::make_unique<AidApplications>(
        db_.db.get(), membership_client_.get(), &clock_,
        AidOptions{/*stacking_alert_total_fen=*/150000});
    approver_ =
        membership_->CallerFor(district_, auth::Role::kUnionAdmin, "-approver");
    head_a_ = membership_->MustCreateMember(school_a_, "王芳", 1);
    other_a_ = membership_->MustCreateMember(school_a_, "赵敏", 3);
    head_b_ = membership_->MustCreateMember(school_b_, "李强", 2);
    ApproveHardshipFile(admin_a_, head_a_);
    SetToday("2027-01-10");
    fund_ = MustCreateFund(district_admin_, district_, 1'000'000);
    warmth_ =
        MustCreateCampaign(district_admin_, fund_, Eligibility::kHardshipFile);
  }

  // Opened 2026-11-21, publicity to 11-28, approved 11-30 (deep hardship).
  void ApproveHardshipFile(const auth::Caller& caller,
                           const membership::Member& head) {
    NewHardshipFile n{head.person_id,
                      3,
                      95000,
                      HardshipLevel::kDeep,
                      {HardshipCause::kIllness},
                      ""};
    auto f = hardship_->Create(caller, {}, n);
    ASSERT_TRUE(f.ok()) << f.status();
    ASSERT_TRUE(
        hardship_->StartPublicity(caller, f->id, "2026-11-21", "2026-11-28", "")
            .ok());
    SetToday("2026-11-30");
    ASSERT_TRUE(hardship_->Approve(caller, f->id, "2026-11-30", "").ok());
  }

  Fund MustCreateFund(const auth::Caller& caller,
                      const membership::Organisation& holder,
                      int64_t budget_fen,
                      const std::string& name = "送温暖专项") {
    auto f = funds_->Create(caller, {}, {holder.id, 2027, name, budget_fen});
    EXPECT_TRUE(f.ok()) << f.status();
    return f.ok() ? *f : Fund{};
  }

  // 送温暖 2027-01-01..02-28: 500 to 1,000 yuan, at most 1,000 per person.
  NewCampaign WarmthFrom(const Fund& fund, Eligibility eligibility) {
    NewCampaign n;
    n.name = "2027年春节送温暖";
    n.kind = CampaignKind::kSpringWarmth;
    n.start_date = "2027-01-01";
    n.end_date = "2027-02-28";
    n.fund_id = fund.id;
    n.eligibility = eligibility;
    if (eligibility == Eligibility::kHardshipFile)
      n.eligible_levels = {HardshipLevel::kDeep, HardshipLevel::kRelative};
    n.min_amount_fen = 50000;
    n.max_amount_fen = 100000;
    return n;
  }

  Campaign MustCreateCampaign(const auth::Caller& caller, const Fund& fund,
                              Eligibility eligibility) {
    auto c = campaigns_->Create(caller, {}, WarmthFrom(fund, eligibility));
    EXPECT_TRUE(c.ok()) << c.status();
    return c.ok() ? *c : Campaign{};
  }

  absl::StatusOr<AidApplication> Apply(const auth::Caller& caller,
                                       const Campaign& c,
                                       const membership::Member& who,
                                       int64_t fen = 80000) {
    return applications_->Create(caller, {},
                                 {c.id, who.person_id, fen, "春节慰问"});
  }

  // Applied by school A's admin, reviewed and approved by the district.
  AidApplication MustApprove(const Campaign& c, const membership::Member& who,
                             const auth::Caller& applicant, int64_t fen) {
    auto a = Apply(applicant, c, who, fen);
    EXPECT_TRUE(a.ok()) << a.status();
    if (!a.ok()) return {};
    auto reviewed = applications_->Review(district_admin_, a->id, "属实", "");
    EXPECT_TRUE(reviewed.ok()) << reviewed.status();
    auto approved = applications_->Approve(approver_, a->id, 0, "同意", "");
    EXPECT_TRUE(approved.ok()) << approved.status();
    return approved.ok() ? *approved : AidApplication{};
  }

  Fund FundNow(const Fund& f) {
    auto now = funds_->Get(federation_, f.id);
    EXPECT_TRUE(now.ok()) << now.status();
    return now.ok() ? *now : Fund{};
  }

  std::unique_ptr<Hardship> hardship_;
  std::unique_ptr<Funds> funds_;
  std::unique_ptr<Campaigns> campaigns_;
  std::unique_ptr<AidApplications> applications_;
  auth::Caller approver_;  // A second district key.
  membership::Member head_a_, other_a_, head_b_;
  Fund fund_;
  Campaign warmth_;
};

TEST_P(AidTest, AnApplicationGoesFromSchoolToPaymentOnce) {
  auto applied = Apply(admin_a_, warmth_, head_a_);
  ASSERT_TRUE(applied.ok()) << applied.status();
  EXPECT_EQ(applied->status, AidApplicationStatus::kSubmitted);
  EXPECT_EQ(applied->organisation_id, school_a_.id);
  EXPECT_FALSE(applied->hardship_file_id.empty());

  // The school applies; the district running the campaign decides.
  EXPECT_THAT(applications_->Review(admin_a_, applied->id, "", ""),
              StatusIs(absl::StatusCode::kPermissionDenied));
  auto reviewed =
      applications_->Review(district_admin_, applied->id, "属实", "");
  ASSERT_TRUE(reviewed.ok()) << reviewed.status();
  auto approved =
      applications_->Approve(approver_, applied->id, 0, "同意", reviewed->etag);
  ASSERT_TRUE(approved.ok()) << approved.status();
  EXPECT_EQ(approved->approved_fen, 80000);
  EXPECT_EQ(FundNow(fund_).committed_fen, 80000);

  auto paid =
      applications_->Pay(district_admin_, {}, applied->id, "2027-01-10");
  ASSERT_TRUE(paid.ok()) << paid.status();
  EXPECT_EQ(paid->amount_fen, 80000);
  // Its event names both unions: the district paid, school A's member got it.
  v1::AidPayment event = ToProto(*paid);
  EXPECT_EQ(event.organisation_id(), district_.id);
  EXPECT_EQ(event.recipient_organisation_id(), school_a_.id);
  EXPECT_EQ(paid->campaign_kind, CampaignKind::kSpringWarmth);
  EXPECT_FALSE(paid->flagged);
  Fund after = FundNow(fund_);
  EXPECT_EQ(after.committed_fen, 0);
  EXPECT_EQ(after.paid_fen, 80000);
  EXPECT_EQ(after.available_fen(), 920000);
  // Paid once: another payment is refused.
  EXPECT_THAT(
      applications_->Pay(district_admin_, {}, applied->id, "2027-01-10"),
      StatusIs(absl::StatusCode::kFailedPrecondition));
  auto steps = applications_->ListSteps(admin_a_, applied->id, 10, "");
  ASSERT_TRUE(steps.ok()) << steps.status();
  std::vector<std::string> names;
  for (const auto& s : steps->items) names.push_back(s.step);
  EXPECT_THAT(names, ElementsAre("submitted", "reviewed", "approved", "paid"));
}

TEST_P(AidTest, AReversedPaymentGoesBackToTheFundAndCountsNoMore) {
  AidApplication a = MustApprove(warmth_, head_a_, admin_a_, 80000);
  auto paid = applications_->Pay(district_admin_, {}, a.id, "2027-01-08");
  ASSERT_TRUE(paid.ok()) << paid.status();
  EXPECT_THAT(applications_->ReversePayment(district_admin_, {}, paid->id,
                                            "2027-01-09", ""),
              HasViolation("reason"));
  EXPECT_THAT(applications_->ReversePayment(district_admin_, {}, paid->id,
                                            "2027-01-07", "重复发放"),
              HasViolation("reversed_date"));
  EXPECT_THAT(applications_->ReversePayment(district_admin_, {}, paid->id,
                                            "2027-01-11", "重复发放"),
              HasViolation("reversed_date"));  // In the future.
  // Only the paying union (or one above) reverses: to the school the
  // district's payment does not exist.
  EXPECT_THAT(applications_->ReversePayment(admin_a_, {}, paid->id,
                                            "2027-01-09", "重复发放"),
              StatusIs(absl::StatusCode::kNotFound));

  outbox::RequestKey key{"reverse-1", "fp", "test.Reverse"};
  auto reversed = applications_->ReversePayment(district_admin_, key, paid->id,
                                                "2027-01-09", "重复发放");
  ASSERT_TRUE(reversed.ok()) << reversed.status();
  EXPECT_EQ(FormatDateOrEmpty(reversed->reversed_date), "2027-01-09");
  EXPECT_EQ(reversed->reversal_reason, "重复发放");
  EXPECT_EQ(ToProto(*reversed).reversed_date(), "2027-01-09");
  EXPECT_EQ(FundNow(fund_).paid_fen, 0);
  // A retry gets the first answer; another reversal is refused; the fund is
  // credited once.
  auto retried = applications_->ReversePayment(district_admin_, key, paid->id,
                                               "2027-01-09", "重复发放");
  ASSERT_TRUE(retried.ok()) << retried.status();
  EXPECT_EQ(retried->id, paid->id);
  EXPECT_THAT(applications_->ReversePayment(district_admin_, {}, paid->id,
                                            "2027-01-10", "重复发放"),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_EQ(FundNow(fund_).paid_fen, 0);
  // Still listed, as reversed; and in the application's history.
  auto listed = applications_->ListPayments(district_admin_, {});
  ASSERT_TRUE(listed.ok()) << listed.status();
  ASSERT_THAT(listed->items, SizeIs(1));
  EXPECT_TRUE(listed->items[0].reversed_date.has_value());
  auto steps = applications_->ListSteps(admin_a_, a.id, 10, "");
  ASSERT_TRUE(steps.ok()) << steps.status();
  EXPECT_EQ(steps->items.back().step, "payment reversed");
}

TEST_P(AidTest, TheKeyThatAppliedMayNotApprove) {
  auto applied = Apply(district_admin_, warmth_, head_a_);
  ASSERT_TRUE(applied.ok()) << applied.status();
  ASSERT_TRUE(applications_->Review(district_admin_, applied->id, "", "").ok());
  auto self = applications_->Approve(district_admin_, applied->id, 0, "", "");
  EXPECT_THAT(self, StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_EQ(FundNow(fund_).committed_fen, 0);
  EXPECT_TRUE(applications_->Approve(approver_, applied->id, 0, "", "").ok());
}

TEST_P(AidTest, OnlyEligibleHouseholdsAndAmountsInRange) {
  // No hardship file: not eligible for a hardship campaign.
  EXPECT_THAT(Apply(admin_a_, warmth_, other_a_),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(Apply(admin_a_, warmth_, head_a_, 120000),
              HasViolation("application.requested_fen"));
  EXPECT_THAT(Apply(admin_a_, warmth_, head_a_, -5),
              HasViolation("application.requested_fen"));
  EXPECT_THAT(applications_->Create(admin_a_, {},
                                    {warmth_.id, head_a_.person_id, 80000, ""}),
              HasViolation("application.reason"));
  // One application under way per person and campaign.
  ASSERT_TRUE(Apply(admin_a_, warmth_, head_a_).ok());
  EXPECT_THAT(Apply(admin_a_, warmth_, head_a_),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  // Outside its dates, and once closed, a campaign takes none.
  Campaign members =
      MustCreateCampaign(district_admin_, fund_, Eligibility::kActiveMembers);
  SetToday("2027-03-01");
  EXPECT_THAT(Apply(admin_a_, members, other_a_),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  SetToday("2027-01-10");
  ASSERT_TRUE(campaigns_->Close(district_admin_, members.id, "").ok());
  auto closed = Apply(admin_a_, members, other_a_);
  EXPECT_THAT(closed, StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(closed.status().message(), HasSubstr("closed"));
  EXPECT_EQ(CountRows("aid_applications"), 1);
}

TEST_P(AidTest, APersonsAidStaysWithinTheCampaignsCap) {
  AidApplication first = MustApprove(warmth_, head_a_, admin_a_, 80000);
  ASSERT_TRUE(
      applications_->Pay(district_admin_, {}, first.id, "2027-01-10").ok());
  // 800 of 1,000 yuan used: 500 more would pass the cap.
  auto more = Apply(admin_a_, warmth_, head_a_, 50000);
  EXPECT_THAT(more, HasViolation("application.requested_fen"));
  EXPECT_THAT(more.status().message(), HasSubstr("200.00 yuan left"));
}

TEST_P(AidTest, ConcurrentApprovalsNeverPassTheBudget) {
  Fund small = MustCreateFund(district_admin_, district_, 550000, "小额");
  Campaign members =
      MustCreateCampaign(district_admin_, small, Eligibility::kActiveMembers);
  constexpr int kApplications = 10;
  std::vector<AidApplication> reviewed;
  for (int i = 0; i < kApplications; ++i) {
    membership::Member m = membership_->MustCreateMember(
        school_a_, absl::StrCat("职工", i), 100 + i);
    auto a = Apply(admin_a_, members, m, 100000);
    ASSERT_TRUE(a.ok()) << a.status();
    auto r = applications_->Review(district_admin_, a->id, "", "");
    ASSERT_TRUE(r.ok()) << r.status();
    reviewed.push_back(*r);
  }
  std::vector<absl::StatusCode> codes(kApplications);
  std::vector<std::thread> threads;
  for (int i = 0; i < kApplications; ++i) {
    threads.emplace_back([&, i] {
      codes[i] = applications_->Approve(approver_, reviewed[i].id, 0, "", "")
                     .status()
                     .code();
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(std::count(codes.begin(), codes.end(), absl::StatusCode::kOk), 5);
  EXPECT_EQ(std::count(codes.begin(), codes.end(),
                       absl::StatusCode::kFailedPrecondition),
            5);
  Fund after = FundNow(small);
  EXPECT_EQ(after.committed_fen, 500000);
  EXPECT_GE(after.available_fen(), 0);
  // Nor can the budget be cut below what is committed.
  FundPatch cut;
  cut.budget_fen = 400000;
  EXPECT_THAT(funds_->Update(district_admin_, small.id, cut, ""),
              StatusIs(absl::StatusCode::kFailedPrecondition));
}

TEST_P(AidTest, ConcurrentRetriesOfAPaymentPayOnce) {
  AidApplication a = MustApprove(warmth_, head_a_, admin_a_, 80000);
  constexpr int kRetries = 8;
  std::vector<absl::StatusOr<AidPayment>> paid(kRetries,
                                               absl::UnknownError("not run"));
  std::vector<std::thread> threads;
  outbox::RequestKey key{"pay-1", "fp", "test.Pay"};
  for (int i = 0; i < kRetries; ++i) {
    threads.emplace_back([&, i] {
      paid[i] = applications_->Pay(district_admin_, key, a.id, "2027-01-10");
    });
  }
  for (auto& t : threads) t.join();
  for (const auto& p : paid) {
    ASSERT_TRUE(p.ok()) << p.status();
    EXPECT_EQ(p->id, paid[0]->id);
  }
  // Other request ids for the same application: one payment, still.
  threads.clear();
  std::vector<absl::StatusCode> codes(kRetries);
  for (int i = 0; i < kRetries; ++i) {
    threads.emplace_back([&, i] {
      outbox::RequestKey other{absl::StrCat("pay-other-", i), "fp", "test.Pay"};
      codes[i] = applications_->Pay(district_admin_, other, a.id, "2027-01-10")
                     .status()
                     .code();
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(std::count(codes.begin(), codes.end(),
                       absl::StatusCode::kFailedPrecondition),
            kRetries);
  EXPECT_EQ(CountRows("aid_payments"), 1);
  Fund after = FundNow(fund_);
  EXPECT_EQ(after.paid_fen, 80000);
  EXPECT_EQ(after.committed_fen, 0);
}

TEST_P(AidTest, StackedAidIsFlaggedNotRefused) {
  AidApplication district_aid = MustApprove(warmth_, head_a_, admin_a_, 80000);
  ASSERT_TRUE(
      applications_->Pay(district_admin_, {}, district_aid.id, "2027-01-10")
          .ok());
  // The school runs its own 送温暖 and pays the same household again.
  Fund school_fund = MustCreateFund(admin_a_, school_a_, 300000);
  Campaign school_warmth =
      MustCreateCampaign(admin_a_, school_fund, Eligibility::kHardshipFile);
  auto applied = Apply(admin_a_, school_warmth, head_a_, 80000);
  ASSERT_TRUE(applied.ok()) << applied.status();
  ASSERT_TRUE(applications_->Review(admin_a_, applied->id, "", "").ok());
  auto school_approver =
      membership_->CallerFor(school_a_, auth::Role::kUnionAdmin, "-chair");
  ASSERT_TRUE(
      applications_->Approve(school_approver, applied->id, 0, "", "").ok());
  auto paid = applications_->Pay(admin_a_, {}, applied->id, "2027-01-10");
  ASSERT_TRUE(paid.ok()) << paid.status();
  EXPECT_TRUE(paid->flagged);
  ASSERT_THAT(paid->flag_reasons, SizeIs(2));
  EXPECT_THAT(paid->flag_reasons[0], HasSubstr("1600.00 yuan"));
  EXPECT_THAT(paid->flag_reasons[1], HasSubstr("another level"));

  AidPaymentQuery flagged;
  flagged.only_flagged = true;
  auto listed = applications_->ListPayments(district_admin_, flagged);
  ASSERT_TRUE(listed.ok()) << listed.status();
  ASSERT_THAT(listed->items, SizeIs(1));
  EXPECT_EQ(listed->items[0].id, paid->id);
  // The school sees both payments to its member, the district's too.
  auto school = applications_->ListPayments(admin_a_, {});
  ASSERT_TRUE(school.ok()) << school.status();
  EXPECT_THAT(school->items, SizeIs(2));
}

TEST_P(AidTest, ModelWorkerCampaignsHelpModelWorkersOnly) {
  Campaign model =
      MustCreateCampaign(district_admin_, fund_, Eligibility::kModelWorkers);
  auto refused = Apply(admin_a_, model, other_a_);
  EXPECT_THAT(refused, StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(refused.status().message(), HasSubstr("model worker"));
  membership_->MustRecordModelWorker(other_a_);
  EXPECT_TRUE(Apply(admin_a_, model, other_a_).ok());
}

TEST_P(AidTest, HouseholdsNeverHelpedThisYearAreListed) {
  HardshipFileQuery never;
  never.not_helped_in_year = 2027;
  auto listed = hardship_->List(district_admin_, never);
  ASSERT_TRUE(listed.ok()) << listed.status();
  ASSERT_EQ(listed->items.size(), 1u);
  EXPECT_EQ(listed->items[0].person_id, head_a_.person_id);
  AidApplication a = MustApprove(warmth_, head_a_, admin_a_, 80000);
  ASSERT_TRUE(applications_->Pay(district_admin_, {}, a.id, "2027-01-10").ok());
  listed = hardship_->List(district_admin_, never);
  ASSERT_TRUE(listed.ok()) << listed.status();
  EXPECT_TRUE(listed->items.empty());
  never.not_helped_in_year = 2026;  // Helped in 2027, not in 2026.
  listed = hardship_->List(district_admin_, never);
  ASSERT_TRUE(listed.ok()) << listed.status();
  EXPECT_EQ(listed->items.size(), 1u);
  never.not_helped_in_year = 1990;
  EXPECT_THAT(hardship_->List(district_admin_, never),
              HasViolation("not_helped_in_year"));
}

TEST_P(AidTest, OtherUnionsSeeAndChangeNothing) {
  auto applied = Apply(admin_a_, warmth_, head_a_);
  ASSERT_TRUE(applied.ok()) << applied.status();
  EXPECT_THAT(applications_->Get(admin_b_, applied->id),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(applications_->Review(admin_b_, applied->id, "", ""),
              StatusIs(absl::StatusCode::kNotFound));
  // School B may apply to the district's campaign, but not for A's member.
  EXPECT_THAT(Apply(admin_b_, warmth_, head_a_),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(funds_->Get(admin_b_, fund_.id),
              StatusIs(absl::StatusCode::kNotFound));
  // A school sees the district's campaign (it applies to it), not its fund.
  EXPECT_TRUE(campaigns_->Get(admin_b_, warmth_.id).ok());
  EXPECT_THAT(campaigns_->Close(admin_b_, warmth_.id, ""),
              StatusIs(absl::StatusCode::kPermissionDenied));
  auto b_list = applications_->List(admin_b_, {});
  ASSERT_TRUE(b_list.ok()) << b_list.status();
  EXPECT_TRUE(b_list->items.empty());
}

TEST_P(AidTest, BadFundsAndCampaignsNameTheirFields) {
  EXPECT_THAT(
      funds_->Create(district_admin_, {}, {district_.id, 2027, "x", -1}),
      HasViolation("fund.budget_fen"));
  EXPECT_THAT(funds_->Create(district_admin_, {}, {district_.id, 1999, "x", 1}),
              HasViolation("fund.year"));
  EXPECT_THAT(funds_->Create(district_admin_, {},
                             {district_.id, 2027, "送温暖专项", 100}),
              StatusIs(absl::StatusCode::kAlreadyExists));
  NewCampaign n = WarmthFrom(fund_, Eligibility::kHardshipFile);
  n.min_amount_fen = 0;
  n.max_amount_fen = -100;
  n.end_date = "2026-12-31";
  n.eligible_levels.clear();
  auto bad = campaigns_->Create(district_admin_, {}, n);
  EXPECT_THAT(bad, HasViolation("campaign.min_amount_fen"));
  EXPECT_THAT(bad, HasViolation("campaign.max_amount_fen"));
  EXPECT_THAT(bad, HasViolation("campaign.end_date"));
  EXPECT_THAT(bad, HasViolation("campaign.eligible_levels"));
  n = WarmthFrom(fund_, Eligibility::kActiveMembers);
  n.start_date = "2028-01-01";
  n.end_date = "2028-02-01";
  EXPECT_THAT(campaigns_->Create(district_admin_, {}, n),
              HasViolation("campaign.start_date"));  // Not the fund's year.
  EXPECT_THAT(campaigns_->Create(
                  admin_b_, {}, WarmthFrom(fund_, Eligibility::kActiveMembers)),
              StatusIs(absl::StatusCode::kNotFound));  // Not B's fund.
  EXPECT_EQ(CountRows("campaigns"), 1);
}

TEST_P(AidTest, MembershipDownIsUnavailableAndWritesNothing) {
  membership_->Stop();
  EXPECT_THAT(Apply(admin_a_, warmth_, head_a_),
              StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_EQ(CountRows("aid_applications"), 0);
}

UNIONHUB_ON_BOTH_BACKENDS(AidTest);

}  // namespace
}  // namespace unionhub::welfare
