#include "services/membership/activities/activities.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "gtest/gtest.h"
#include "services/membership/id_number.h"
#include "services/membership/testing.h"

namespace unionhub::membership {
namespace {

class ActivitiesTest : public MembershipTest {
 protected:
  void SetUp() override {
    MembershipTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    activities_ = std::make_unique<Activities>(db_.db.get(), &store_, &clock_);
    school_ = MustCreateOrganisation(root_.id, "第一中学工会",
                                     OrganisationType::kGrassroots);
    other_ = MustCreateOrganisation(root_.id, "第二中学工会",
                                    OrganisationType::kGrassroots);
  }

  Member Person(const Organisation& org, int seq) {
    NewMember n;
    n.organisation_id = org.id;
    n.name = absl::StrCat("教师", seq);
    n.id_number = MakeIdNumber("19750101", seq);
    n.employment_type = EmploymentType::kStaff;
    n.join_date = "2000-09-01";
    return *members_->CreateMember(federation_, {}, n);
  }

  NewActivity Jumping(const std::string& date = "2026-04-20") {
    return {school_.id,
            "教职工集体跳绳比赛",
            ActivityKind::kSports,
            date,
            date,
            "学校操场",
            ""};
  }

  std::unique_ptr<Activities> activities_;
  Organisation school_, other_;
};

TEST_P(ActivitiesTest, CountsParticipantsOnceAndKeepsPlacings) {
  auto a = activities_->CreateActivity(federation_, {}, Jumping());
  ASSERT_TRUE(a.ok()) << a.status();
  Member x = Person(school_, 1), y = Person(school_, 3);
  auto added = activities_->AddParticipants(
      federation_, a->id,
      {{"", x.id, "", "一等奖", ""}, {"", y.id, "", "", ""}});
  ASSERT_TRUE(added.ok()) << added.status();
  EXPECT_EQ(added->added, 2);
  EXPECT_EQ(added->participant_count, 2);
  // Sending again replaces, never doubles.
  auto again = activities_->AddParticipants(federation_, a->id,
                                            {{"", y.id, "", "二等奖", ""}});
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->updated, 1);
  EXPECT_EQ(again->participant_count, 2);
  auto same = activities_->AddParticipants(federation_, a->id,
                                           {{"", y.id, "", "二等奖", ""}});
  ASSERT_TRUE(same.ok());
  EXPECT_EQ(same->added + same->updated,
            0);  // Nothing changed, nothing recorded.
  auto list = activities_->ListParticipants(federation_, a->id, 0, "");
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->items.size(), 2u);
  EXPECT_EQ(list->items[1].award, "二等奖");
}

TEST_P(ActivitiesTest, ParticipantsBelongToTheHoldingUnion) {
  auto a = activities_->CreateActivity(federation_, {}, Jumping());
  Member outsider = Person(other_, 5), x = Person(school_, 1);
  auto refused = activities_->AddParticipants(
      federation_, a->id,
      {{"", x.id, "", "", ""}, {"", outsider.id, "", "", ""}});
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(refused.status().message().find("participants[1].member_id"),
            absl::string_view::npos);
  EXPECT_EQ(activities_->GetActivity(federation_, a->id)->participant_count, 0);
  EXPECT_EQ(
      activities_
          ->AddParticipants(federation_, a->id,
                            {{"", x.id, "", "", ""}, {"", x.id, "", "", ""}})
          .status()
          .code(),
      absl::StatusCode::kInvalidArgument);
}

TEST_P(ActivitiesTest, ValidatesDatesAndListsByYearNewestFirst) {
  NewActivity backwards = Jumping();
  backwards.end_date = "2026-04-19";
  EXPECT_EQ(
      activities_->CreateActivity(federation_, {}, backwards).status().code(),
      absl::StatusCode::kInvalidArgument);
  ASSERT_TRUE(
      activities_->CreateActivity(federation_, {}, Jumping("2025-10-01")).ok());
  ASSERT_TRUE(
      activities_->CreateActivity(federation_, {}, Jumping("2026-03-01")).ok());
  ASSERT_TRUE(
      activities_->CreateActivity(federation_, {}, Jumping("2026-09-01")).ok());
  DatedQuery q;
  q.year = 2026;
  q.page_size = 1;
  std::vector<std::string> dates;
  do {
    auto page = activities_->ListActivities(federation_, q);
    ASSERT_TRUE(page.ok()) << page.status();
    for (const auto& a : page->items) dates.push_back(FormatDate(a.start_date));
    q.page_token = page->next_page_token;
  } while (!q.page_token.empty());
  EXPECT_EQ(dates, (std::vector<std::string>{"2026-09-01", "2026-03-01"}));
}

TEST_P(ActivitiesTest, HonoursArePersonalOrCollective) {
  Member x = Person(school_, 1);
  auto personal = activities_->RecordHonour(
      federation_, {},
      {"", x.id, "先进工作者", HonourLevel::kCity, "市教育局", "2026-09-10"});
  ASSERT_TRUE(personal.ok()) << personal.status();
  EXPECT_EQ(personal->organisation_id, school_.id);
  auto collective =
      activities_->RecordHonour(federation_, {},
                                {school_.id, "", "模范职工之家",
                                 HonourLevel::kCity, "市总工会", "2026-04-28"});
  ASSERT_TRUE(collective.ok()) << collective.status();
  EXPECT_EQ(activities_
                ->RecordHonour(federation_, {},
                               {school_.id, x.id, "两者都给",
                                HonourLevel::kCity, "x", "2026-04-28"})
                .status()
                .code(),
            absl::StatusCode::kInvalidArgument);
  DatedQuery q;
  q.organisation_id = school_.id;
  auto list = activities_->ListHonours(federation_, q);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->items.size(), 2u);
  EXPECT_EQ(list->items[0].title, "先进工作者");  // Newest first.
}

UNIONHUB_ON_BOTH_BACKENDS(ActivitiesTest);

}  // namespace
}  // namespace unionhub::membership
