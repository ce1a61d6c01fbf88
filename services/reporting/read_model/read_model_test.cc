// The read model over a real membership's feed, on both backends: members
// counted in their union and rolled up the tree, by the date of the thing
// counted, with transfers and status changes moving the counts; replays and
// rebuilds that equal the incremental model; reads limited to the subtree.
#include "services/reporting/read_model/read_model.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "libs/testing/backends.h"
#include "libs/testing/matchers.h"
#include "services/reporting/figures/figures.h"
#include "services/reporting/testing.h"

namespace unionhub::reporting {
namespace {

using membership::EmploymentType;
using membership::MemberStatus;
using membership::NewMember;
using membership::Organisation;
using ::testing::ElementsAre;
using testing::StatusIs;

class FiguresTest : public ReportingTest {
 protected:
  void SetUp() override {
    ReportingTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    figures_ = Figures(reporting_.db.get(), {10});
  }

  // Subtree (own when `own`) figure of `code` for `org` and year.
  int64_t Figure(const Organisation& org, absl::string_view code, int year,
                 bool own = false, YearKind kind = YearKind::kWork) {
    auto got =
        figures_.Get(federation_, org.id, year, kind, {std::string(code)});
    EXPECT_TRUE(got.ok()) << got.status();
    if (!got.ok()) return -1;
    const FigureLine& f = got->figures.at(0);
    return own ? f.own.value : f.subtree.value;
  }

  Figures figures_{nullptr, {10}};
};

TEST_P(FiguresTest, MembersCountInTheirUnionAndEveryUnionAbove) {
  MustJoin(school_a_, 1, "2010-09-01");                            // A man.
  MustJoin(school_a_, 2, "2012-09-01");                            // A woman.
  MustJoin(school_a_, 4, "2026-03-01", EmploymentType::kMigrant);  // Woman.
  MustJoin(school_b_, 3, "2015-09-01");
  CatchUp(2);

  EXPECT_EQ(Figure(school_a_, "members.active", 2026), 3);
  EXPECT_EQ(Figure(school_a_, "members.women", 2026), 2);
  EXPECT_EQ(Figure(school_a_, "members.migrant", 2026), 1);
  EXPECT_EQ(Figure(school_b_, "members.active", 2026), 1);
  EXPECT_EQ(Figure(district_, "members.active", 2026), 4);
  EXPECT_EQ(Figure(district_, "members.active", 2026, /*own=*/true), 0);
  EXPECT_EQ(Figure(root_, "members.active", 2026), 4);
  // By the join date: the 2026 member was not one at the end of 2025.
  EXPECT_EQ(Figure(school_a_, "members.active", 2025), 2);
  EXPECT_EQ(Figure(school_a_, "members.joined", 2026), 1);
  EXPECT_EQ(Figure(school_a_, "members.joined", 2012), 1);
  // Two grassroots unions below the district, registered this year.
  EXPECT_EQ(Figure(district_, "organisations.grassroots", 2026), 2);
  EXPECT_EQ(Figure(district_, "organisations.grassroots", 2025), 0);

  // The same counts as membership's own list.
  membership::MemberQuery q;
  q.organisation_id = district_.id;
  q.include_descendants = true;
  q.status = MemberStatus::kActive;
  q.page_size = 100;
  auto listed = members_->ListMembers(federation_, q);
  ASSERT_TRUE(listed.ok()) << listed.status();
  EXPECT_EQ(Figure(district_, "members.active", 2026),
            static_cast<int64_t>(listed->items.size()));
}

TEST_P(FiguresTest, TransferMovesTheMemberInTheMonthItTookEffect) {
  auto m = MustJoin(school_a_, 1, "2010-09-01");
  auto moved = members_->TransferMember(district_admin_, {}, m.id, school_b_.id,
                                        "2026-03-15", "调动", m.etag);
  ASSERT_TRUE(moved.ok()) << moved.status();
  CatchUp();

  EXPECT_EQ(Figure(school_a_, "members.active", 2025), 1);
  EXPECT_EQ(Figure(school_b_, "members.active", 2025), 0);
  EXPECT_EQ(Figure(school_a_, "members.active", 2026), 0);
  EXPECT_EQ(Figure(school_b_, "members.active", 2026), 1);
  EXPECT_EQ(Figure(school_b_, "members.transferred_in", 2026), 1);
  EXPECT_EQ(Figure(school_a_, "members.departed", 2026), 1);
  // Within the district nothing changed.
  EXPECT_EQ(Figure(district_, "members.active", 2025), 1);
  EXPECT_EQ(Figure(district_, "members.active", 2026), 1);

  // Leaving school B later keeps the transfer in March.
  auto left = members_->ChangeMemberStatus(
      CallerFor(school_b_, auth::Role::kUnionAdmin), moved->member.id,
      MemberStatus::kRetired, "2026-10-31", "退休", moved->member.etag);
  ASSERT_TRUE(left.ok()) << left.status();
  CatchUp();
  auto trend =
      figures_.GetTrend(federation_, school_b_.id, "members.transferred_in",
                        2026, YearKind::kWork, false);
  ASSERT_TRUE(trend.ok()) << trend.status();
  EXPECT_EQ(trend->months[2].value.value, 1);  // March.
  EXPECT_EQ(Figure(school_b_, "members.active", 2026), 0);
}

TEST_P(FiguresTest, StatusChangeCountsOnItsDateInEitherKindOfYear) {
  auto m = MustJoin(school_a_, 1, "2010-09-01");
  ASSERT_TRUE(members_
                  ->ChangeMemberStatus(admin_a_, m.id, MemberStatus::kRetired,
                                       "2026-10-15", "退休", m.etag)
                  .ok());
  MustJoin(school_a_, 3, "2025-11-01");
  CatchUp();

  // Work year 2026 ends in December: retired by then.
  EXPECT_EQ(Figure(school_a_, "members.active", 2026), 1);
  // Statistics year 2026 ends on 30 September: still a member then, and the
  // member who joined in November 2025 joined within it.
  EXPECT_EQ(
      Figure(school_a_, "members.active", 2026, false, YearKind::kStatistics),
      2);
  EXPECT_EQ(
      Figure(school_a_, "members.joined", 2026, false, YearKind::kStatistics),
      1);
  EXPECT_EQ(Figure(school_a_, "members.joined", 2026), 0);
  EXPECT_EQ(
      Figure(school_a_, "members.departed", 2027, false, YearKind::kStatistics),
      1);

  auto trend = figures_.GetTrend(federation_, school_a_.id, "members.active",
                                 2026, YearKind::kWork, false);
  ASSERT_TRUE(trend.ok()) << trend.status();
  std::vector<int64_t> months;
  for (const MonthValue& v : trend->months) months.push_back(v.value.value);
  EXPECT_THAT(months, ElementsAre(2, 2, 2, 2, 2, 2, 2, 2, 2, 1, 1, 1));
}

TEST_P(FiguresTest, ACorrectionReplacesWhatTheRecordGaveBefore) {
  auto m = MustJoin(school_a_, 1, "2010-09-01");
  CatchUp();
  EXPECT_EQ(Figure(school_a_, "members.migrant", 2026), 0);
  membership::MemberPatch patch;
  patch.employment_type = EmploymentType::kMigrant;
  ASSERT_TRUE(members_->UpdateMember(admin_a_, m.id, patch, m.etag).ok());
  CatchUp();
  // Counted as a migrant worker all along, once.
  EXPECT_EQ(Figure(school_a_, "members.migrant", 2026), 1);
  EXPECT_EQ(Figure(school_a_, "members.migrant", 2011), 1);
  EXPECT_EQ(Figure(school_a_, "members.active", 2026), 1);
}

TEST_P(FiguresTest, AReplayFromTheStartCountsNothingTwice) {
  for (int i = 1; i <= 5; ++i) MustJoin(school_a_, i, "2020-01-01");
  CatchUp(2);
  std::vector<std::string> once = FigureTable();
  ASSERT_FALSE(once.empty());
  // The cursor lost: every event comes again.
  ASSERT_TRUE(reporting_.db
                  ->Write([](sql::Session& s) {
                    return s.Execute("DELETE FROM feed_cursors").status();
                  })
                  .ok());
  CatchUp(3);
  EXPECT_EQ(FigureTable(), once);
}

TEST_P(FiguresTest, ARebuildEqualsTheIncrementalModel) {
  auto a = MustJoin(school_a_, 1, "2010-09-01");
  MustJoin(school_a_, 2, "2019-09-01", EmploymentType::kMigrant);
  CatchUp(1);
  auto moved = members_->TransferMember(district_admin_, {}, a.id, school_b_.id,
                                        "2026-02-01", "调动", a.etag);
  ASSERT_TRUE(moved.ok());
  MustJoin(school_b_, 3, "2026-05-01");
  CatchUp(2);
  ASSERT_TRUE(
      members_
          ->ChangeMemberStatus(CallerFor(school_b_, auth::Role::kUnionAdmin),
                               moved->member.id, MemberStatus::kLeft,
                               "2026-08-01", "辞职", moved->member.etag)
          .ok());
  CatchUp(1);
  std::vector<std::string> incremental = FigureTable();

  ASSERT_TRUE(ClearReadModel(*reporting_.db).ok());
  EXPECT_TRUE(FigureTable().empty());
  CatchUp(500);
  EXPECT_EQ(FigureTable(), incremental);
}

TEST_P(FiguresTest, ReadsStayInTheCallersSubtree) {
  MustJoin(school_b_, 1, "2010-09-01");
  CatchUp();
  EXPECT_THAT(figures_.Get(admin_a_, school_b_.id, 2026, YearKind::kWork,
                           {"members.active"}),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(figures_.RankChildren(admin_a_, district_.id, "members.active",
                                    2026, YearKind::kWork, false),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(figures_.GetTrend(admin_a_, school_b_.id, "members.active", 2026,
                                YearKind::kWork, false),
              StatusIs(absl::StatusCode::kNotFound));
  // The caller's own union with nothing counted yet reads as zero.
  auto own =
      figures_.Get(admin_a_, "", 2026, YearKind::kWork, {"members.active"});
  ASSERT_TRUE(own.ok()) << own.status();
  EXPECT_EQ(own->figures[0].subtree.value, 0);
}

TEST_P(FiguresTest, BadQuestionsNameTheirField) {
  EXPECT_THAT(figures_.Get(federation_, "", 1800, YearKind::kWork, {}),
              testing::HasViolation("year"));
  EXPECT_THAT(figures_.Get(federation_, "", 2026, YearKind::kWork,
                           {"members.active", "no.such"}),
              testing::HasViolation("indicator_codes[1]"));
  EXPECT_THAT(figures_.Get(federation_, "not an id", 2026, YearKind::kWork, {}),
              testing::HasViolation("organisation_id"));
  EXPECT_THAT(
      figures_.RankChildren(federation_, "", "", 2026, YearKind::kWork, false),
      testing::HasViolation("indicator_code"));
}

TEST_P(FiguresTest, LeagueTableRanksChildrenWithTiesSharingARank) {
  auto school_c = MustCreateOrganisation(
      district_.id, "第三中学工会", membership::OrganisationType::kGrassroots);
  MustJoin(school_a_, 1, "2010-09-01");
  MustJoin(school_b_, 2, "2010-09-01");
  MustJoin(school_b_, 3, "2010-09-01");
  MustJoin(school_c, 4, "2010-09-01");
  CatchUp();
  auto table =
      figures_.RankChildren(district_admin_, district_.id, "members.active",
                            2026, YearKind::kWork, false);
  ASSERT_TRUE(table.ok()) << table.status();
  ASSERT_EQ(table->children.size(), 3u);
  EXPECT_EQ(table->children[0].organisation.id, school_b_.id);
  EXPECT_EQ(table->children[0].rank, 1);
  EXPECT_EQ(table->children[1].rank, 2);
  EXPECT_EQ(table->children[2].rank, 2);
  EXPECT_EQ(table->children[0].value.value, 2);

  // A rate ranks by its ratio; one with no base comes last.
  auto women =
      figures_.RankChildren(district_admin_, district_.id, "rate.joining", 2026,
                            YearKind::kWork, false);
  ASSERT_TRUE(women.ok()) << women.status();
  for (const RankedChild& c : women->children)
    EXPECT_EQ(c.value.denominator, 0);
}

UNIONHUB_ON_BOTH_BACKENDS(FiguresTest);

}  // namespace
}  // namespace unionhub::reporting
