// The demo loads on both backends through the domain's rules, gives the
// figures it was shaped to give, and loading it again changes nothing.
#include "services/welfare/demo.h"

#include <gtest/gtest.h>

#include "services/welfare/testing.h"

namespace unionhub::welfare {
namespace {

class DemoTest : public WelfareTest {
 protected:
  void SetUp() override {
    WelfareTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    auto keys = crypto::DataKeys::FromMaster(std::string(32, 'k'));
    ASSERT_TRUE(keys.ok());
    keys_ = std::make_unique<crypto::DataKeys>(*keys);
    sql::Database* db = db_.db.get();
    clients::MembershipClient* m = membership_client_.get();
    hardship_ = std::make_unique<Hardship>(db, m, &clock_);
    funds_ = std::make_unique<Funds>(db, m, &clock_);
    campaigns_ = std::make_unique<Campaigns>(db, m, &clock_);
    applications_ = std::make_unique<AidApplications>(db, m, &clock_);
    students_ = std::make_unique<Students>(db, m, keys_.get(), &clock_);
    condolences_ = std::make_unique<Condolences>(db, m, &clock_);
    cases_ = std::make_unique<Cases>(db, m, &clock_);
    donations_ = std::make_unique<Donations>(db, m, &clock_);
    unions_.district_id = district_.id;
    unions_.district_admin = district_admin_;
    unions_.district_approver =
        membership_->CallerFor(district_, auth::Role::kUnionAdmin, "-approver");
    int n = 0;
    for (const auto& [school, admin] : {std::make_pair(school_a_, admin_a_),
                                        std::make_pair(school_b_, admin_b_)}) {
      DemoUnions::School s{school.id, admin, {}};
      for (int i = 0; i < 12; ++i, ++n) {
        s.person_ids.push_back(
            membership_->MustCreateMember(school, "职工", n + 1).person_id);
      }
      unions_.schools.push_back(s);
    }
  }

  absl::Status Load() {
    return LoadDemoData(
        {hardship_.get(), funds_.get(), campaigns_.get(), applications_.get(),
         students_.get(), condolences_.get(), cases_.get(), donations_.get()},
        unions_, &clock_, absl::CivilDay(2026, 12, 4));
  }

  std::unique_ptr<crypto::DataKeys> keys_;
  std::unique_ptr<Hardship> hardship_;
  std::unique_ptr<Funds> funds_;
  std::unique_ptr<Campaigns> campaigns_;
  std::unique_ptr<AidApplications> applications_;
  std::unique_ptr<Students> students_;
  std::unique_ptr<Condolences> condolences_;
  std::unique_ptr<Cases> cases_;
  std::unique_ptr<Donations> donations_;
  DemoUnions unions_;
};

TEST_P(DemoTest, TwoYearsOfWelfareLoadOnceThroughTheRules) {
  absl::Status loaded = Load();
  ASSERT_TRUE(loaded.ok()) << loaded;
  EXPECT_EQ(CountRows("hardship_files"), 6);
  EXPECT_EQ(CountRows("funds"), 4);
  EXPECT_EQ(CountRows("campaigns"), 4);
  // 送温暖: six households in 2025 and 2026 (the one that recovered left
  // after the Spring Festival); 金秋助学: four students in 2025, five in 2026.
  EXPECT_EQ(CountRows("aid_payments"), 12 + 9);
  EXPECT_EQ(CountRows("students"), 5);
  EXPECT_EQ(CountRows("condolence_visits"), 10);
  EXPECT_EQ(CountRows("cases"), 3);
  EXPECT_EQ(CountRows("donation_drives"), 3);

  auto figures = students_->Summarize(federation_, "", 2026);
  ASSERT_TRUE(figures.ok()) << figures.status();
  EXPECT_EQ(figures->students_paid, 5);
  EXPECT_EQ(figures->students_paid_several_years, 4);
  auto files = hardship_->List(admin_a_, {});
  ASSERT_TRUE(files.ok()) << files.status();
  int exited = 0;
  for (const HardshipFile& f : files->items)
    exited += f.status == HardshipFileStatus::kExited;
  EXPECT_EQ(exited, 1);

  const int64_t events = CountRows("outbox_pending");
  ASSERT_TRUE(Load().ok());
  EXPECT_EQ(CountRows("outbox_pending"), events);
  EXPECT_EQ(CountRows("aid_payments"), 12 + 9);
}

INSTANTIATE_TEST_SUITE_P(Backends, DemoTest,
                         ::testing::Values(sql::Backend::kSqlite,
                                           sql::Backend::kMysql),
                         [](const auto& info) {
                           return sql::BackendName(info.param);
                         });

}  // namespace
}  // namespace unionhub::welfare
