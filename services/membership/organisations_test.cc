#include "services/membership/organisations.h"

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/membership/testing.h"

namespace unionhub::membership {
namespace {

using ::unionhub::testing::HasViolation;

using OrganisationsTest = DistrictTest;

TEST_P(OrganisationsTest, FreshInstallHasOneRootFederation) {
  auto again = organisations_->EnsureRoot("another name");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->id, root_.id);
  EXPECT_EQ(again->name, "某市总工会");
  EXPECT_EQ(root_.type, OrganisationType::kFederation);
  EXPECT_EQ(root_.path, absl::StrCat("/", root_.id, "/"));
}

TEST_P(OrganisationsTest, ChildMustBeOfALowerLevel) {
  auto a = CallerFor(school_a_, auth::Role::kUnionAdmin);
  auto bad = organisations_->CreateOrganisation(
      a, {}, {school_a_.id, "区总工会", OrganisationType::kDistrict});
  EXPECT_THAT(bad, HasViolation("organisation.type"));
  auto same = organisations_->CreateOrganisation(
      a, {}, {school_a_.id, "又一个基层", OrganisationType::kGrassroots});
  EXPECT_THAT(same, HasViolation("organisation.type"));
  auto ok = organisations_->CreateOrganisation(
      a, {}, {school_a_.id, "语文组", OrganisationType::kUnionGroup});
  ASSERT_TRUE(ok.ok()) << ok.status();
  EXPECT_EQ(ok->path, absl::StrCat(school_a_.path, ok->id, "/"));
  auto second_root = organisations_->CreateOrganisation(
      federation_, {}, {root_.id, "x", OrganisationType::kFederation});
  EXPECT_THAT(second_root, HasViolation("organisation.type"));
}

TEST_P(OrganisationsTest, OpenSiblingsHaveDistinctNames) {
  auto dup = organisations_->CreateOrganisation(
      federation_, {},
      {district_.id, "第一中学工会", OrganisationType::kGrassroots});
  EXPECT_EQ(dup.status().code(), absl::StatusCode::kAlreadyExists);
  auto renamed = organisations_->RenameOrganisation(
      federation_, school_b_.id, "第一中学工会", school_b_.etag);
  EXPECT_EQ(renamed.status().code(), absl::StatusCode::kAlreadyExists);
}

TEST_P(OrganisationsTest, TenantsSeeOnlyTheirSubtree) {
  auto a = CallerFor(school_a_, auth::Role::kUnionAdmin);
  EXPECT_EQ(organisations_->GetOrganisation(a, school_b_.id).status().code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(organisations_->GetOrganisation(a, district_.id).status().code(),
            absl::StatusCode::kNotFound);
  EXPECT_TRUE(organisations_->GetOrganisation(a, school_a_.id).ok());
  EXPECT_EQ(organisations_
                ->CreateOrganisation(
                    a, {}, {school_b_.id, "x", OrganisationType::kUnionGroup})
                .status()
                .code(),
            absl::StatusCode::kNotFound);
  auto b_member =
      members_->CreateMember(CallerFor(school_b_, auth::Role::kUnionAdmin), {},
                             NewMemberIn(school_b_, "李四", 11));
  ASSERT_TRUE(b_member.ok()) << b_member.status();
  EXPECT_EQ(members_->GetMember(a, b_member->id).status().code(),
            absl::StatusCode::kNotFound);
  MemberQuery q;
  q.organisation_id = school_b_.id;
  EXPECT_EQ(members_->ListMembers(a, q).status().code(),
            absl::StatusCode::kNotFound);
}

TEST_P(OrganisationsTest, ListsChildrenAndSubtreeInPages) {
  for (int i = 0; i < 5; ++i) {
    MustCreateOrganisation(school_a_.id, absl::StrCat("分工会", i),
                           OrganisationType::kSubUnion);
  }
  OrganisationQuery q;
  q.parent_id = district_.id;
  auto children = organisations_->ListOrganisations(federation_, q);
  ASSERT_TRUE(children.ok());
  EXPECT_EQ(children->items.size(), 2u);

  q.include_descendants = true;
  q.page_size = 3;
  std::vector<std::string> seen;
  do {
    auto page = organisations_->ListOrganisations(federation_, q);
    ASSERT_TRUE(page.ok()) << page.status();
    for (const auto& o : page->items) seen.push_back(o.id);
    q.page_token = page->next_page_token;
  } while (!q.page_token.empty());
  EXPECT_EQ(seen.size(), 7u);  // Two schools and five sub-unions.

  q.page_token = "not-a-token";
  EXPECT_THAT(organisations_->ListOrganisations(federation_, q),
              HasViolation("page_token"));
}

TEST_P(OrganisationsTest, RenameChecksEtag) {
  auto renamed = organisations_->RenameOrganisation(
      federation_, school_a_.id, "第一中学教职工工会", school_a_.etag);
  ASSERT_TRUE(renamed.ok()) << renamed.status();
  EXPECT_NE(renamed->etag, school_a_.etag);
  auto stale = organisations_->RenameOrganisation(federation_, school_a_.id,
                                                  "又改名", school_a_.etag);
  EXPECT_EQ(stale.status().code(), absl::StatusCode::kAborted);
}

TEST_P(OrganisationsTest, ClosesOnlyWhenEmpty) {
  auto admin_a = CallerFor(school_a_, auth::Role::kUnionAdmin);
  auto member =
      members_->CreateMember(admin_a, {}, NewMemberIn(school_a_, "张三", 1));
  ASSERT_TRUE(member.ok()) << member.status();
  EXPECT_EQ(organisations_->CloseOrganisation(federation_, school_a_.id, "")
                .status()
                .code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(organisations_->CloseOrganisation(federation_, district_.id, "")
                .status()
                .code(),
            absl::StatusCode::kFailedPrecondition);  // Open children.
  EXPECT_EQ(organisations_->CloseOrganisation(admin_a, school_a_.id, "")
                .status()
                .code(),
            absl::StatusCode::kPermissionDenied);  // Not itself.
  ASSERT_TRUE(members_
                  ->ChangeMemberStatus(admin_a, member->id, MemberStatus::kLeft,
                                       "2026-01-01", "调离", "")
                  .ok());
  auto closed =
      organisations_->CloseOrganisation(federation_, school_a_.id, "");
  ASSERT_TRUE(closed.ok()) << closed.status();
  EXPECT_EQ(closed->state, OrganisationState::kClosed);
  EXPECT_EQ(
      members_->CreateMember(federation_, {}, NewMemberIn(school_a_, "王五", 3))
          .status()
          .code(),
      absl::StatusCode::kFailedPrecondition);
}

UNIONHUB_ON_BOTH_BACKENDS(OrganisationsTest);

}  // namespace
}  // namespace unionhub::membership
