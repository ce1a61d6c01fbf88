#include "services/membership/committees/committees.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "gtest/gtest.h"
#include "libs/base/status_macros.h"
#include "services/membership/id_number.h"
#include "services/membership/testing.h"

namespace unionhub::membership {
namespace {

class CommitteesTest : public MembershipTest {
 protected:
  void SetUp() override {
    MembershipTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    committees_ = std::make_unique<Committees>(db_.db.get(), &store_, &clock_);
    school_ = MustCreateOrganisation(root_.id, "第一中学工会",
                                     OrganisationType::kGrassroots);
    other_school_ = MustCreateOrganisation(root_.id, "第二中学工会",
                                           OrganisationType::kGrassroots);
    admin_ = CallerFor(school_, auth::Role::kUnionAdmin);
  }

  // An active member of the school; odd sequence numbers are men, even women.
  Member Person(int seq) {
    NewMember n;
    n.organisation_id = school_.id;
    n.name = absl::StrCat("委员", seq);
    n.id_number = MakeIdNumber("19800101", seq);
    n.employment_type = EmploymentType::kStaff;
    n.join_date = "2005-09-01";
    auto m = members_->CreateMember(admin_, {}, n);
    EXPECT_TRUE(m.ok()) << m.status();
    return *m;
  }

  NewTerm Term(const std::string& start, int eligible = 120,
               int present = 100) {
    return {
        school_.id, start, 5, start, eligible, present, "差额选举, 无记名投票"};
  }

  std::unique_ptr<Committees> committees_;
  auth::Caller admin_;
  Organisation school_, other_school_;
};

TEST_P(CommitteesTest, NewTermEndsTheSittingOneAndCountsOn) {
  auto first = committees_->CreateTerm(admin_, {}, Term("2021-06-01"));
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_EQ(first->term_number, 1);
  EXPECT_EQ(first->due_date(), absl::CivilDay(2026, 6, 1));
  auto second = committees_->CreateTerm(admin_, {}, Term("2026-06-01"));
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_EQ(second->term_number, 2);
  auto terms = committees_->ListTerms(admin_, school_.id);
  ASSERT_TRUE(terms.ok());
  ASSERT_EQ(terms->size(), 2u);
  EXPECT_EQ((*terms)[0].state, CommitteeTermState::kCurrent);
  EXPECT_EQ((*terms)[1].state, CommitteeTermState::kEnded);
  EXPECT_EQ((*terms)[1].end_date, absl::CivilDay(2026, 6, 1));
  EXPECT_EQ(
      committees_->CreateTerm(admin_, {}, Term("2026-01-01")).status().code(),
      absl::StatusCode::kInvalidArgument);  // Not after the sitting term.
}

TEST_P(CommitteesTest, ElectionNeedsTwoThirdsPresentAndALawfulTerm) {
  NewTerm quorate = Term("2026-06-01", 120, 80);  // Exactly two thirds.
  EXPECT_TRUE(committees_->CreateTerm(admin_, {}, quorate).ok());
  NewTerm short_of_quorum = Term("2026-07-01", 120, 79);
  EXPECT_EQ(
      committees_->CreateTerm(admin_, {}, short_of_quorum).status().code(),
      absl::StatusCode::kInvalidArgument);
  NewTerm four_years = Term("2026-07-01");
  four_years.length_years = 4;
  EXPECT_EQ(committees_->CreateTerm(admin_, {}, four_years).status().code(),
            absl::StatusCode::kInvalidArgument);
  NewTerm future = Term("2027-01-01");
  EXPECT_EQ(committees_->CreateTerm(admin_, {}, future).status().code(),
            absl::StatusCode::kInvalidArgument);
  NewTerm elsewhere = Term("2026-07-01");
  elsewhere.organisation_id = other_school_.id;
  EXPECT_EQ(committees_->CreateTerm(admin_, {}, elsewhere).status().code(),
            absl::StatusCode::kNotFound);
}

TEST_P(CommitteesTest, OfficersNeedAMajorityOfEligibleVoters) {
  auto term = committees_->CreateTerm(admin_, {}, Term("2026-06-01", 120, 100));
  ASSERT_TRUE(term.ok());
  Member chair = Person(1);
  // 60 of 120 eligible is not more than half, though it is a majority of those
  // present.
  EXPECT_EQ(committees_
                ->ElectOfficer(admin_, {}, term->id, chair.id,
                               OfficerPosition::kChair, 60)
                .status()
                .code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(committees_
                ->ElectOfficer(admin_, {}, term->id, chair.id,
                               OfficerPosition::kChair, 101)
                .status()
                .code(),
            absl::StatusCode::kInvalidArgument);  // More than were present.
  auto elected = committees_->ElectOfficer(admin_, {}, term->id, chair.id,
                                           OfficerPosition::kChair, 61);
  ASSERT_TRUE(elected.ok()) << elected.status();
  EXPECT_EQ(elected->member_name, chair.name);
}

TEST_P(CommitteesTest, OnePersonOnePostAndSinglePostsOnce) {
  auto term = committees_->CreateTerm(admin_, {}, Term("2026-06-01"));
  ASSERT_TRUE(term.ok());
  Member a = Person(1), b = Person(3), woman = Person(2), man = Person(5);
  ASSERT_TRUE(committees_
                  ->ElectOfficer(admin_, {}, term->id, a.id,
                                 OfficerPosition::kChair, 90)
                  .ok());
  EXPECT_EQ(committees_
                ->ElectOfficer(admin_, {}, term->id, b.id,
                               OfficerPosition::kChair, 90)
                .status()
                .code(),
            absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(committees_
                ->ElectOfficer(admin_, {}, term->id, a.id,
                               OfficerPosition::kViceChair, 90)
                .status()
                .code(),
            absl::StatusCode::kAlreadyExists);
  EXPECT_TRUE(committees_
                  ->ElectOfficer(admin_, {}, term->id, b.id,
                                 OfficerPosition::kViceChair, 90)
                  .ok());
  EXPECT_EQ(committees_
                ->ElectOfficer(admin_, {}, term->id, man.id,
                               OfficerPosition::kWomenCommitteeDirector, 90)
                .status()
                .code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_TRUE(committees_
                  ->ElectOfficer(admin_, {}, term->id, woman.id,
                                 OfficerPosition::kWomenCommitteeDirector, 90)
                  .ok());
  auto officers = committees_->ListOfficers(admin_, term->id, false);
  ASSERT_TRUE(officers.ok());
  ASSERT_EQ(officers->size(), 3u);
  EXPECT_EQ((*officers)[0].position, OfficerPosition::kChair);
}

TEST_P(CommitteesTest, AnOfficerWhoLeftFreesThePost) {
  auto term = committees_->CreateTerm(admin_, {}, Term("2026-06-01"));
  Member a = Person(1), b = Person(3);
  auto chair = committees_->ElectOfficer(admin_, {}, term->id, a.id,
                                         OfficerPosition::kChair, 90);
  ASSERT_TRUE(chair.ok());
  EXPECT_EQ(committees_->EndOfficer(admin_, chair->id, "2026-10-08", "")
                .status()
                .code(),
            absl::StatusCode::kInvalidArgument);  // A reason is required.
  ASSERT_TRUE(
      committees_->EndOfficer(admin_, chair->id, "2026-10-08", "调离").ok());
  EXPECT_EQ(committees_->EndOfficer(admin_, chair->id, "2026-10-09", "again")
                .status()
                .code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_TRUE(committees_
                  ->ElectOfficer(admin_, {}, term->id, b.id,
                                 OfficerPosition::kChair, 90)
                  .ok());
  EXPECT_EQ(committees_->ListOfficers(admin_, term->id, true)->size(), 2u);
  EXPECT_EQ(committees_->ListOfficers(admin_, term->id, false)->size(), 1u);
}

TEST_P(CommitteesTest, OfficersComeFromTheUnionsOwnActiveMembers) {
  auto term = committees_->CreateTerm(admin_, {}, Term("2026-06-01"));
  Member retired = Person(1);
  ASSERT_TRUE(members_
                  ->ChangeMemberStatus(admin_, retired.id,
                                       MemberStatus::kRetired, "2026-01-01", "",
                                       "")
                  .ok());
  EXPECT_EQ(committees_
                ->ElectOfficer(admin_, {}, term->id, retired.id,
                               OfficerPosition::kChair, 90)
                .status()
                .code(),
            absl::StatusCode::kFailedPrecondition);
  NewMember outsider;
  outsider.organisation_id = other_school_.id;
  outsider.name = "外校";
  outsider.id_number = MakeIdNumber("19800101", 9);
  outsider.employment_type = EmploymentType::kStaff;
  outsider.join_date = "2005-09-01";
  auto m = members_->CreateMember(federation_, {}, outsider);
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(committees_
                ->ElectOfficer(federation_, {}, term->id, m->id,
                               OfficerPosition::kChair, 90)
                .status()
                .code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(committees_
                ->ElectOfficer(admin_, {}, term->id, m->id,
                               OfficerPosition::kChair, 90)
                .status()
                .code(),
            absl::StatusCode::kNotFound);  // Not even visible to the school.
}

UNIONHUB_ON_BOTH_BACKENDS(CommitteesTest);

}  // namespace
}  // namespace unionhub::membership
