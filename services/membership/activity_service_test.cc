#include "services/membership/activity_service.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "gtest/gtest.h"
#include "libs/sql/testing.h"
#include "services/membership/id_number.h"

const std::vector<unionhub::sql::Migration>& membership_lib_migrations();

namespace unionhub::membership {
namespace {

class ActivityServiceTest : public ::testing::TestWithParam<sql::Backend> {
 protected:
  void SetUp() override {
    auto t = sql::CreateTestDatabase(GetParam());
    if (t.status().code() == absl::StatusCode::kNotFound)
      GTEST_SKIP() << t.status();
    ASSERT_TRUE(t.ok()) << t.status();
    db_ = std::move(*t);
    ASSERT_TRUE(
        sql::Migrate(*db_.db, outbox::WithPlatform(membership_lib_migrations()))
            .ok());
    members_ =
        std::make_unique<MembershipService>(db_.db.get(), &keys_, &clock_);
    activities_ =
        std::make_unique<ActivityService>(db_.db.get(), &store_, &clock_);
    Organisation root = *members_->EnsureRoot("市总工会");
    federation_.key_id = "fed";
    federation_.organisation_id = root.id;
    federation_.organisation_path = root.path;
    federation_.role = auth::Role::kFederationAdmin;
    school_ = *members_->CreateOrganisation(
        federation_, {},
        {root.id, "第一中学工会", OrganisationType::kGrassroots});
    other_ = *members_->CreateOrganisation(
        federation_, {},
        {root.id, "第二中学工会", OrganisationType::kGrassroots});
  }

  Member Person(const Organisation& org, int seq) {
    std::string first17 = absl::StrFormat("11010519750101%03d", seq);
    NewMember n;
    n.organisation_id = org.id;
    n.name = absl::StrCat("教师", seq);
    n.id_number = first17 + IdNumberCheckCharacter(first17);
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

  crypto::DataKeys keys_ = *crypto::DataKeys::FromMaster(std::string(32, 'k'));
  Store store_{&keys_};
  FakeClock clock_{absl::FromCivil(absl::CivilSecond(2026, 11, 21, 2, 0, 0),
                                   absl::UTCTimeZone())};
  sql::TestDatabase db_;
  std::unique_ptr<MembershipService> members_;
  std::unique_ptr<ActivityService> activities_;
  auth::Caller federation_;
  Organisation school_, other_;
};

TEST_P(ActivityServiceTest, CountsParticipantsOnceAndKeepsPlacings) {
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

TEST_P(ActivityServiceTest, ParticipantsBelongToTheHoldingUnion) {
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

TEST_P(ActivityServiceTest, ValidatesDatesAndListsByYearNewestFirst) {
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

TEST_P(ActivityServiceTest, HonoursArePersonalOrCollective) {
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

INSTANTIATE_TEST_SUITE_P(Backends, ActivityServiceTest,
                         ::testing::Values(sql::Backend::kSqlite,
                                           sql::Backend::kMysql),
                         [](const auto& info) {
                           return sql::BackendName(info.param);
                         });

}  // namespace
}  // namespace unionhub::membership
