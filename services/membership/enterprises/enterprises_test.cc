#include "services/membership/enterprises/enterprises.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "gtest/gtest.h"
#include "services/membership/id_number.h"
#include "services/membership/testing.h"

namespace unionhub::membership {
namespace {

class EnterprisesTest : public MembershipTest {
 protected:
  void SetUp() override {
    MembershipTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    enterprises_ =
        std::make_unique<Enterprises>(db_.db.get(), &store_, &clock_);
    park_ = MustCreateOrganisation(root_.id, "工业园区工会",
                                   OrganisationType::kDistrict);
    other_area_ = MustCreateOrganisation(root_.id, "另一区总工会",
                                         OrganisationType::kDistrict);
    park_admin_ = CallerFor(park_, auth::Role::kUnionAdmin);
  }

  Enterprise Add(const std::string& name, int employees, bool required) {
    auto e = enterprises_->Create(park_admin_, {},
                                  {park_.id, name, "", employees, required});
    EXPECT_TRUE(e.ok()) << e.status();
    return *e;
  }

  std::unique_ptr<Enterprises> enterprises_;
  auth::Caller park_admin_;
  Organisation park_, other_area_;
};

// Seed 001: of 79 enterprises in the park, 41 should found a union and 39
// applied: 组建率 95.1%.
TEST_P(EnterprisesTest, ReproducesTheParkFiguresOfSeed001) {
  for (int i = 0; i < 79; ++i) {
    Enterprise e = Add(absl::StrFormat("企业%02d", i), 30, /*required=*/i < 41);
    if (i < 39) {
      ASSERT_TRUE(
          enterprises_->RecordApplication(park_admin_, e.id, "2026-05-01", "")
              .ok());
    }
  }
  auto stats = enterprises_->Statistics(park_admin_, "");
  ASSERT_TRUE(stats.ok()) << stats.status();
  EXPECT_EQ(stats->enterprises, 79);
  EXPECT_EQ(stats->required_to_found, 41);
  EXPECT_EQ(stats->application_rate().basis_points(), 9512);
  EXPECT_EQ(stats->founding_rate().basis_points(), 0);
}

TEST_P(EnterprisesTest, MembershipRateCountsTheFoundedUnionsMembers) {
  Enterprise e = Add("某电子厂", 40, true);
  auto union_org = organisations_->CreateOrganisation(
      park_admin_, {},
      {park_.id, "某电子厂工会", OrganisationType::kGrassroots});
  ASSERT_TRUE(union_org.ok());
  for (int i = 0; i < 30; ++i) {
    NewMember n;
    n.organisation_id = union_org->id;
    n.name = absl::StrCat("职工", i);
    n.id_number = MakeIdNumber("19900101", i);
    n.employment_type = EmploymentType::kMigrant;
    n.join_date = "2026-06-01";
    ASSERT_TRUE(members_->CreateMember(park_admin_, {}, n).ok());
  }
  EXPECT_EQ(
      enterprises_
          ->RecordFounded(park_admin_, e.id, union_org->id, "2027-01-01", "")
          .status()
          .code(),
      absl::StatusCode::kInvalidArgument);  // Future.
  auto founded = enterprises_->RecordFounded(park_admin_, e.id, union_org->id,
                                             "2026-05-20", e.etag);
  ASSERT_TRUE(founded.ok()) << founded.status();
  auto stats = enterprises_->Statistics(federation_, park_.id);
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->founded, 1);
  EXPECT_EQ(stats->founding_rate().basis_points(), 10000);
  EXPECT_EQ(stats->members_of_founded, 30);
  EXPECT_EQ(stats->membership_rate().basis_points(),
            7500);  // 30 of 40 employees.
  // Founding twice is refused.
  EXPECT_EQ(
      enterprises_
          ->RecordFounded(park_admin_, e.id, union_org->id, "2026-05-20", "")
          .status()
          .code(),
      absl::StatusCode::kFailedPrecondition);
}

TEST_P(EnterprisesTest, ValidatesAndScopes) {
  EXPECT_EQ(enterprises_->Create(park_admin_, {}, {park_.id, "", "", 10, true})
                .status()
                .code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(enterprises_
                ->Create(park_admin_, {},
                         {park_.id, "甲", "91350100M000100Y44", 10, true})
                .status()
                .code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(
      enterprises_->Create(park_admin_, {}, {park_.id, "甲", "", -1, true})
          .status()
          .code(),
      absl::StatusCode::kInvalidArgument);
  ASSERT_TRUE(enterprises_
                  ->Create(park_admin_, {},
                           {park_.id, "甲", "91350100M000100Y43", 10, true})
                  .ok());
  EXPECT_EQ(enterprises_
                ->Create(park_admin_, {},
                         {park_.id, "乙", "91350100M000100Y43", 10, true})
                .status()
                .code(),
            absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(enterprises_
                ->Create(park_admin_, {}, {other_area_.id, "丙", "", 10, true})
                .status()
                .code(),
            absl::StatusCode::kNotFound);
  Enterprise e = Add("丁", 10, false);
  auto other_admin = park_admin_;
  other_admin.organisation_id = other_area_.id;
  other_admin.organisation_path = other_area_.path;
  EXPECT_EQ(enterprises_->Get(other_admin, e.id).status().code(),
            absl::StatusCode::kNotFound);
  // The union must lie under the register's keeper.
  auto elsewhere = organisations_->CreateOrganisation(
      federation_, {},
      {other_area_.id, "外区工会", OrganisationType::kGrassroots});
  EXPECT_EQ(
      enterprises_
          ->RecordFounded(federation_, e.id, elsewhere->id, "2026-05-20", "")
          .status()
          .code(),
      absl::StatusCode::kFailedPrecondition);
}

TEST_P(EnterprisesTest, UpdatesWithEtagAndListsInPages) {
  Enterprise e = Add("戊", 10, false);
  EnterprisePatch patch;
  patch.employees = 26;
  patch.required_to_found = true;
  auto updated = enterprises_->Update(park_admin_, e.id, patch, e.etag);
  ASSERT_TRUE(updated.ok()) << updated.status();
  EXPECT_EQ(updated->employees, 26);
  EXPECT_EQ(
      enterprises_->Update(park_admin_, e.id, patch, e.etag).status().code(),
      absl::StatusCode::kAborted);
  for (int i = 0; i < 4; ++i) Add(absl::StrCat("己", i), 5, false);
  EnterpriseQuery q;
  q.page_size = 2;
  int seen = 0;
  do {
    auto page = enterprises_->List(park_admin_, q);
    ASSERT_TRUE(page.ok()) << page.status();
    seen += page->items.size();
    q.page_token = page->next_page_token;
  } while (!q.page_token.empty());
  EXPECT_EQ(seen, 5);
  q.only_required = true;
  EXPECT_EQ(enterprises_->List(park_admin_, q)->items.size(), 1u);
}

UNIONHUB_ON_BOTH_BACKENDS(EnterprisesTest);

}  // namespace
}  // namespace unionhub::membership
