// The demo loads on both backends through the domain's rules, gives the
// figures it was shaped to give, and loading it again changes nothing.
#include "services/democracy/demo.h"

#include <gtest/gtest.h>

#include "services/democracy/testing.h"

namespace unionhub::democracy {
namespace {

class DemoTest : public DemocracyTest {
 protected:
  void SetUp() override {
    DemocracyTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    proposals_ = std::make_unique<Proposals>(db_.db.get(),
                                             membership_client_.get(), &clock_);
    evaluations_ = std::make_unique<Evaluations>(db_.db.get(), &clock_);
    disclosure_ = std::make_unique<Disclosure>(
        db_.db.get(), membership_client_.get(), &clock_);
    contracts_ = std::make_unique<Contracts>(db_.db.get(),
                                             membership_client_.get(), &clock_);
    unions_.district_id = district_.id;
    unions_.district_admin = district_admin_;
    int seq = 0;
    for (const auto& [school, admin] : {std::make_pair(school_a_, admin_a_),
                                        std::make_pair(school_b_, admin_b_)}) {
      clients::DemoUnions::School s{school.id, admin, {}};
      for (int i = 0; i < 30; ++i, ++seq) {
        s.person_ids.push_back(
            membership_
                ->MustCreateMember(school, "教师", seq,
                                   i % 4 == 0 ? "19950301" : "19800301")
                .person_id);
      }
      unions_.schools.push_back(s);
    }
  }

  absl::Status Load() {
    return LoadDemoData({congress_.get(), representatives_.get(),
                         meetings_.get(), proposals_.get(), evaluations_.get(),
                         disclosure_.get(), contracts_.get()},
                        unions_, &clock_, absl::CivilDay(2026, 12, 4));
  }

  std::unique_ptr<Proposals> proposals_;
  std::unique_ptr<Evaluations> evaluations_;
  std::unique_ptr<Disclosure> disclosure_;
  std::unique_ptr<Contracts> contracts_;
  clients::DemoUnions unions_;
};

TEST_P(DemoTest, TwoSchoolsCongressesLoadOnceThroughTheRules) {
  absl::Status loaded = Load();
  ASSERT_TRUE(loaded.ok()) << loaded;
  EXPECT_EQ(CountRows("congress_terms"), 2);
  EXPECT_EQ(CountRows("congress_sessions"), 6);
  EXPECT_EQ(CountRows("representatives"), 60);
  // Two votes a session, and the first school's contract; 28 of 30 present.
  EXPECT_EQ(CountRows("votes"), 13);
  EXPECT_EQ(CountRows("ballots"), 13 * 28);
  EXPECT_EQ(CountRows("proposals"), 16);
  EXPECT_EQ(CountRows("evaluation_rounds"), 2);
  EXPECT_EQ(CountRows("evaluation_voters"), 2 * 28);
  EXPECT_EQ(CountRows("collective_contracts"), 1);
  // Finances 2024-Q4 to 2026-Q3, performance pay 2024 and 2025,
  // September's awards.
  EXPECT_EQ(CountRows("disclosure_items"), 2 * 11);
  EXPECT_EQ(CountRows("disclosure_objections"), 2);

  auto terms = congress_->ListTerms(admin_a_, "", 0, "");
  ASSERT_TRUE(terms.ok() && terms->items.size() == 1u) << terms.status();
  auto composition =
      representatives_->GetComposition(admin_a_, terms->items[0].id);
  ASSERT_TRUE(composition.ok()) << composition.status();
  EXPECT_EQ(composition->counts.seated, 30);
  EXPECT_TRUE(composition->all_rules_met);
  auto sessions = congress_->ListSessions(admin_a_, terms->items[0].id, 0, "");
  ASSERT_TRUE(sessions.ok() && sessions->items.size() == 3u);
  EXPECT_EQ(
      SessionName(sessions->items[2].term_number, sessions->items[2].number),
      "三届三次");
  auto figures = proposals_->Summarize(admin_a_, sessions->items[2].id);
  ASSERT_TRUE(figures.ok()) << figures.status();
  EXPECT_EQ(figures->received, 8);
  EXPECT_EQ(figures->accepted, 4);
  EXPECT_EQ(figures->suggestions, 2);
  EXPECT_EQ(figures->rejected, 1);
  EXPECT_EQ(figures->merged, 1);
  EXPECT_EQ(figures->replied_on_time, 3);
  EXPECT_EQ(figures->rated, 4);
  EXPECT_EQ(figures->satisfied + figures->basically_satisfied, 4);
  auto completeness = disclosure_->Completeness(admin_a_, school_a_.id,
                                                "2025-01-01", "2025-12-31");
  ASSERT_TRUE(completeness.ok()) << completeness.status();
  // Added on 2025-01-05: 2024-Q4 to 2025-Q3 and 2024's pay were due.
  EXPECT_EQ(completeness->due, 5);
  EXPECT_EQ(completeness->on_time, 4);
  EXPECT_EQ(completeness->late, 1);

  const int64_t events = CountRows("outbox_pending");
  ASSERT_TRUE(Load().ok());
  EXPECT_EQ(CountRows("outbox_pending"), events);
}

UNIONHUB_ON_BOTH_BACKENDS(DemoTest);

}  // namespace
}  // namespace unionhub::democracy
