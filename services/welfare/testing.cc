#include "services/welfare/testing.h"

#include "absl/strings/str_cat.h"
#include "libs/base/status_macros.h"
#include "libs/outbox/outbox.h"
#include "welfare_lib_migrations.h"

namespace unionhub::welfare {

void WelfareTest::SetUp() {
  auto t = sql::CreateTestDatabase(GetParam());
  if (t.status().code() == absl::StatusCode::kNotFound)
    GTEST_SKIP() << t.status();
  ASSERT_TRUE(t.ok()) << t.status();
  db_ = std::move(*t);
  absl::Status migrated =
      sql::Migrate(*db_.db, outbox::WithPlatform(welfare_lib_migrations()));
  ASSERT_TRUE(migrated.ok()) << migrated;

  auto membership = membership::LoopbackMembership::Start();
  ASSERT_TRUE(membership.ok()) << membership.status();
  membership_ = *std::move(membership);
  membership_client_ =
      std::make_unique<clients::MembershipClient>(membership_->channel());
  using membership::OrganisationType;
  district_ = membership_->MustCreateOrganisation(
      membership_->root().id, "某区教育工会", OrganisationType::kIndustry);
  school_a_ = membership_->MustCreateOrganisation(
      district_.id, "第一中学工会", OrganisationType::kGrassroots);
  school_b_ = membership_->MustCreateOrganisation(
      district_.id, "第二中学工会", OrganisationType::kGrassroots);
  federation_ =
      membership_->CallerFor(membership_->root(), auth::Role::kFederationAdmin);
  district_admin_ = membership_->CallerFor(district_, auth::Role::kUnionAdmin);
  admin_a_ = membership_->CallerFor(school_a_, auth::Role::kUnionAdmin);
  admin_b_ = membership_->CallerFor(school_b_, auth::Role::kUnionAdmin);
  viewer_a_ = membership_->CallerFor(school_a_, auth::Role::kViewer);
}

int64_t WelfareTest::CountRows(const char* table) {
  auto n = db_.db->Read([&](sql::Session& s) -> absl::StatusOr<int64_t> {
    ASSIGN_OR_RETURN(sql::Statement * st,
                     s.Query(absl::StrCat("SELECT COUNT(*) FROM ", table)));
    ASSIGN_OR_RETURN(bool row, st->Step());
    return row ? st->Int(0) : -1;
  });
  EXPECT_TRUE(n.ok()) << n.status();
  return n.ok() ? *n : -1;
}

void WelfareTest::SetToday(absl::string_view day) {
  absl::CivilDay d;
  ASSERT_TRUE(absl::ParseCivilTime(day, &d)) << day;
  clock_.Set(
      absl::FromCivil(absl::CivilSecond(d.year(), d.month(), d.day(), 10, 0, 0),
                      BeijingTime()));
}

}  // namespace unionhub::welfare
