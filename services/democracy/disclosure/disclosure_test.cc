// Disclosure on both backends: publicity periods, objections only inside
// them and each answered before an item is final, the catalogue's due dates
// and completeness, bad input and other tenants.
#include "services/democracy/disclosure/disclosure.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "services/democracy/testing.h"

namespace unionhub::democracy {
namespace {

using ::testing::HasSubstr;
using testing::HasViolation;
using testing::StatusIs;

class DisclosureTest : public DemocracyTest {
 protected:
  void SetUp() override {
    DemocracyTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    disclosure_ = std::make_unique<Disclosure>(
        db_.db.get(), membership_client_.get(), &clock_);
  }

  NewDisclosureItem Item(std::string start, std::string end) {
    NewDisclosureItem n;
    n.organisation_id = school_a_.id;
    n.category = DisclosureCategory::kAwards;
    n.title = "2026年度优秀教师评选结果";
    n.content = "经评审，拟评选张老师等5人为优秀教师。";
    n.publicity_start_date = std::move(start);
    n.publicity_end_date = std::move(end);
    return n;
  }

  std::unique_ptr<Disclosure> disclosure_;
};

TEST_P(DisclosureTest,
       AnItemIsFinalOnlyWhenItsWindowClosedWithNoOpenObjection) {
  auto item =
      disclosure_->Publish(admin_a_, {}, Item("2026-11-21", "2026-11-27"));
  ASSERT_TRUE(item.ok()) << item.status();
  EXPECT_FALSE(item->FinalOn(clock_.Today()));
  auto objection = disclosure_->FileObjection(
      admin_a_, {}, {item->id, "2026-11-21", "评选程序未经教代会讨论"});
  ASSERT_TRUE(objection.ok()) << objection.status();

  SetToday("2026-11-28");
  EXPECT_THAT(disclosure_->FileObjection(
                  admin_a_, {}, {item->id, "2026-11-28", "名额分配不公"}),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("inside the publicity period")));
  auto open = disclosure_->GetItem(viewer_a_, item->id);
  ASSERT_TRUE(open.ok()) << open.status();
  EXPECT_EQ(open->open_objections, 1);
  EXPECT_FALSE(open->FinalOn(clock_.Today()));  // Closed, but not answered.

  auto answered = disclosure_->AnswerObjection(
      admin_a_, objection->id, "已提交教代会主席团审议，程序合规。",
      "2026-11-28", false);
  ASSERT_TRUE(answered.ok()) << answered.status();
  EXPECT_EQ(answered->second.open_objections, 0);
  EXPECT_EQ(answered->second.objections, 1);
  EXPECT_TRUE(answered->second.FinalOn(clock_.Today()));
  EXPECT_THAT(disclosure_->AnswerObjection(admin_a_, objection->id, "再答",
                                           "2026-11-28", false),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  auto objections = disclosure_->ListObjections(viewer_a_, item->id);
  ASSERT_TRUE(objections.ok()) << objections.status();
  ASSERT_EQ(objections->size(), 1u);
  EXPECT_TRUE((*objections)[0].answered);

  EXPECT_THAT(disclosure_->GetItem(admin_b_, item->id),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(disclosure_->FileObjection(admin_b_, {},
                                         {item->id, "2026-11-22", "异议"}),
              StatusIs(absl::StatusCode::kNotFound));
}

TEST_P(DisclosureTest, BadInputNamesTheFieldAndWritesNothing) {
  NewDisclosureItem n = Item("2026-11-01", "2026-12-15");  // 45 days.
  n.category = DisclosureCategory::kUnspecified;
  n.title = "";
  n.period = "2026-Q3";
  auto bad = disclosure_->Publish(admin_a_, {}, n);
  for (const char* field : {"item.category", "item.title", "item.period",
                            "item.publicity_end_date"}) {
    EXPECT_THAT(bad, HasViolation(field)) << field;
  }
  EXPECT_THAT(
      disclosure_->Publish(admin_a_, {}, Item("2026-11-30", "2026-12-01")),
      HasViolation("item.publicity_start_date"));  // The future.

  auto finance = disclosure_->CreateEntry(
      admin_a_, {},
      {school_a_.id, DisclosureCategory::kFinance, "学校财务收支情况",
       DisclosureFrequency::kQuarterly, 15});
  ASSERT_TRUE(finance.ok()) << finance.status();
  NewDisclosureItem wrong_period = Item("2026-10-10", "2026-10-16");
  wrong_period.category = DisclosureCategory::kUnspecified;
  wrong_period.catalogue_entry_id = finance->id;
  wrong_period.period = "2026-09";
  EXPECT_THAT(disclosure_->Publish(admin_a_, {}, wrong_period),
              HasViolation("item.period"));
  wrong_period.period = "2026-Q3";
  wrong_period.category = DisclosureCategory::kFees;
  EXPECT_THAT(disclosure_->Publish(admin_a_, {}, wrong_period),
              HasViolation("item.category"));
  // Another union's catalogue is not this union's.
  NewDisclosureItem elsewhere = wrong_period;
  elsewhere.category = DisclosureCategory::kUnspecified;
  elsewhere.organisation_id = district_.id;
  EXPECT_THAT(disclosure_->Publish(district_admin_, {}, elsewhere),
              HasViolation("item.catalogue_entry_id"));
  EXPECT_THAT(
      disclosure_->CreateEntry(admin_a_, {},
                               {school_a_.id, DisclosureCategory::kUnspecified,
                                "", DisclosureFrequency::kUnspecified, 91}),
      HasViolation("entry.grace_days"));
  EXPECT_EQ(CountRows("disclosure_items"), 0);
  EXPECT_EQ(CountRows("disclosure_catalogue"), 1);
}

TEST_P(DisclosureTest, CompletenessCountsWhatFellDueAndWhatCameOnTime) {
  SetToday("2025-12-01");  // The lines count from the day they are added.
  auto finance = disclosure_->CreateEntry(
      admin_a_, {},
      {school_a_.id, DisclosureCategory::kFinance, "学校财务收支情况",
       DisclosureFrequency::kQuarterly, 15});
  ASSERT_TRUE(finance.ok()) << finance.status();
  auto events = disclosure_->CreateEntry(
      admin_a_, {},
      {school_a_.id, DisclosureCategory::kLargeExpenditure, "大额资金使用",
       DisclosureFrequency::kPerEvent, 0});
  ASSERT_TRUE(events.ok()) << events.status();
  SetToday("2026-11-21");
  auto publish = [&](std::string period, std::string start, std::string end) {
    NewDisclosureItem n = Item(std::move(start), std::move(end));
    n.category = DisclosureCategory::kUnspecified;
    n.catalogue_entry_id = finance->id;
    n.period = std::move(period);
    n.title = "财务收支公示";
    auto item = disclosure_->Publish(admin_a_, {}, n);
    ASSERT_TRUE(item.ok()) << item.status();
    EXPECT_EQ(item->category, DisclosureCategory::kFinance);
  };
  publish("2026-Q1", "2026-04-10", "2026-04-16");  // Due 04-15: on time.
  publish("2026-Q2", "2026-07-20", "2026-07-26");  // Due 07-15: late.
  publish("2026-Q2", "2026-08-01", "2026-08-07");  // Again: the first counts.
  // 2025-Q4 (due 2026-01-15) and 2026-Q3 (due 10-15) never came; 2026-Q4
  // is due next year.
  auto c = disclosure_->Completeness(viewer_a_, school_a_.id, "2026-01-01",
                                     "2026-12-31");
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ(c->due, 4);
  EXPECT_EQ(c->on_time, 1);
  EXPECT_EQ(c->late, 1);
  EXPECT_EQ(c->missing, 2);
  ASSERT_EQ(c->periods.size(), 4u);
  EXPECT_EQ(c->periods[0].period, "2025-Q4");
  EXPECT_EQ(c->periods[2].period, "2026-Q2");
  EXPECT_EQ(FormatDate(*c->periods[2].disclosed_date), "2026-07-20");
  EXPECT_FALSE(c->periods[2].on_time);
  // Nothing was due before the line was added.
  auto before = disclosure_->Completeness(viewer_a_, school_a_.id, "2025-01-01",
                                          "2025-11-30");
  ASSERT_TRUE(before.ok()) << before.status();
  EXPECT_EQ(before->due, 0);

  EXPECT_THAT(disclosure_->Completeness(viewer_a_, school_a_.id, "2026-01-01",
                                        "2032-01-01"),
              HasViolation("to_date"));
  EXPECT_THAT(disclosure_->Completeness(admin_b_, school_a_.id, "2026-01-01",
                                        "2026-12-31"),
              StatusIs(absl::StatusCode::kNotFound));
  auto catalogue = disclosure_->Catalogue(viewer_a_, "");
  ASSERT_TRUE(catalogue.ok()) << catalogue.status();
  EXPECT_EQ(catalogue->size(), 2u);
}

UNIONHUB_ON_BOTH_BACKENDS(DisclosureTest);

}  // namespace
}  // namespace unionhub::democracy
