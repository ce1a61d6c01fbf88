#include "services/membership/model_workers/model_workers.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "gtest/gtest.h"
#include "services/membership/id_number.h"
#include "services/membership/testing.h"

namespace unionhub::membership {
namespace {

class ModelWorkersTest : public MembershipTest {
 protected:
  void SetUp() override {
    MembershipTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    archive_ = std::make_unique<ModelWorkers>(db_.db.get(), &store_, &clock_);
    school_a_ = MustCreateOrganisation(root_.id, "第一中学工会",
                                       OrganisationType::kGrassroots);
    school_b_ = MustCreateOrganisation(root_.id, "第二中学工会",
                                       OrganisationType::kGrassroots);
  }

  Member Person(const Organisation& org, int seq) {
    NewMember n;
    n.organisation_id = org.id;
    n.name = absl::StrCat("劳模", seq);
    n.id_number = MakeIdNumber("19600101", seq);
    n.employment_type = EmploymentType::kStaff;
    n.join_date = "1985-09-01";
    return *members_->CreateMember(federation_, {}, n);
  }

  NewModelWorker Honour(const Member& m, const std::string& title,
                        std::vector<HardshipCause> causes = {}) {
    return {m.id, ModelWorkerLevel::kProvincial, title, 2015, std::move(causes),
            ""};
  }

  std::unique_ptr<ModelWorkers> archive_;
  Organisation school_a_, school_b_;
};

TEST_P(ModelWorkersTest, ArchivesHonoursAndFindsThoseInHardship) {
  Member a = Person(school_a_, 1), b = Person(school_a_, 3);
  ASSERT_TRUE(archive_->Create(federation_, {}, Honour(a, "省劳动模范")).ok());
  ASSERT_TRUE(
      archive_->Create(federation_, {}, Honour(a, "全国五一劳动奖章")).ok());
  auto in_hardship = archive_->Create(
      federation_, {},
      Honour(b, "省劳动模范",
             {HardshipCause::kIllness, HardshipCause::kChildEducation}));
  ASSERT_TRUE(in_hardship.ok()) << in_hardship.status();
  EXPECT_EQ(archive_->Create(federation_, {}, Honour(a, "省劳动模范"))
                .status()
                .code(),
            absl::StatusCode::kAlreadyExists);

  ModelWorkerQuery q;
  q.only_in_hardship = true;
  auto found = archive_->List(federation_, q);
  ASSERT_TRUE(found.ok()) << found.status();
  ASSERT_EQ(found->items.size(), 1u);
  EXPECT_EQ(found->items[0].member_name, b.name);
  EXPECT_EQ(found->items[0].hardship_causes.size(), 2u);

  ModelWorkerPatch out_of_hardship;
  out_of_hardship.hardship_causes = std::vector<HardshipCause>{};
  ASSERT_TRUE(
      archive_->Update(federation_, in_hardship->id, out_of_hardship, "").ok());
  EXPECT_TRUE(archive_->List(federation_, q)->items.empty());

  MemberQuery members;
  members.include_descendants = true;
  members.only_model_workers = true;
  EXPECT_EQ(members_->ListMembers(federation_, members)->items.size(), 2u);
}

TEST_P(ModelWorkersTest, RefusesBadRecords) {
  Member a = Person(school_a_, 1);
  NewModelWorker n = Honour(a, "");
  n.award_year = 1900;
  n.hardship_causes = {HardshipCause::kIllness, HardshipCause::kIllness};
  n.level = ModelWorkerLevel::kUnspecified;
  auto bad = archive_->Create(federation_, {}, n);
  EXPECT_EQ(bad.status().code(), absl::StatusCode::kInvalidArgument);
  for (const char* field :
       {"model_worker.title", "model_worker.award_year",
        "model_worker.hardship_causes", "model_worker.level"}) {
    EXPECT_NE(bad.status().message().find(field), absl::string_view::npos)
        << field;
  }
  ASSERT_TRUE(members_
                  ->ChangeMemberStatus(federation_, a.id, MemberStatus::kLeft,
                                       "2026-01-01", "", "")
                  .ok());
  EXPECT_EQ(archive_->Create(federation_, {}, Honour(a, "市劳动模范"))
                .status()
                .code(),
            absl::StatusCode::kFailedPrecondition);
}

TEST_P(ModelWorkersTest, TheArchiveFollowsATransfer) {
  Member a = Person(school_a_, 1);
  auto w = archive_->Create(federation_, {}, Honour(a, "省劳动模范"));
  ASSERT_TRUE(w.ok());
  auto t = members_->TransferMember(federation_, {}, a.id, school_b_.id,
                                    "2026-09-01", "调动", "");
  ASSERT_TRUE(t.ok()) << t.status();
  auto moved = archive_->Get(federation_, w->id);
  ASSERT_TRUE(moved.ok());
  EXPECT_EQ(moved->member_id, t->member.id);
  EXPECT_EQ(moved->organisation_id, school_b_.id);
  auth::Caller school_a_admin = CallerFor(school_a_, auth::Role::kUnionAdmin);
  EXPECT_EQ(archive_->Get(school_a_admin, w->id).status().code(),
            absl::StatusCode::kNotFound);
}

UNIONHUB_ON_BOTH_BACKENDS(ModelWorkersTest);

}  // namespace
}  // namespace unionhub::membership
