#include "libs/auth/principal.h"

#include "absl/strings/escaping.h"
#include "gtest/gtest.h"

namespace unionhub::auth {
namespace {

const absl::Time kNow = absl::FromUnixSeconds(1800000000);

Caller SchoolAdmin() {
  Caller c;
  c.key_id = "key1";
  c.organisation_id = "00000000000000b2";
  c.organisation_path = "/00000000000000a1/00000000000000b2/";
  c.role = Role::kUnionAdmin;
  c.expires = kNow + absl::Minutes(5);
  return c;
}

PrincipalSigner Signer(char fill = 's') {
  return *PrincipalSigner::Create(std::string(32, fill));
}

TEST(PrincipalTest, SignedPrincipalVerifies) {
  auto c = Signer().Verify(Signer().Sign(SchoolAdmin()), kNow);
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ(c->organisation_path, SchoolAdmin().organisation_path);
  EXPECT_EQ(c->role, Role::kUnionAdmin);
}

TEST(PrincipalTest, RefusesForgedAlteredExpiredAndMissing) {
  std::string token = Signer().Sign(SchoolAdmin());
  EXPECT_EQ(Signer('x').Verify(token, kNow).status().code(),
            absl::StatusCode::kUnauthenticated);
  // Swap in a payload claiming federation admin, keeping the old signature.
  Caller escalated = SchoolAdmin();
  escalated.role = Role::kFederationAdmin;
  std::string other = Signer('x').Sign(escalated);
  std::string spliced =
      other.substr(0, other.find('.')) + token.substr(token.find('.'));
  EXPECT_FALSE(Signer().Verify(spliced, kNow).ok());
  EXPECT_FALSE(Signer().Verify(token, kNow + absl::Minutes(6)).ok());
  EXPECT_FALSE(Signer().Verify("", kNow).ok());
  EXPECT_FALSE(Signer().Verify("garbage", kNow).ok());
  EXPECT_FALSE(Signer().Verify("a.b.c", kNow).ok());
}

TEST(PrincipalTest, RefusesInconsistentClaims) {
  Caller c = SchoolAdmin();
  c.organisation_path = "/00000000000000a1/";  // Does not end in its own id.
  EXPECT_FALSE(Signer().Verify(Signer().Sign(c), kNow).ok());
  c = SchoolAdmin();
  c.role = Role::kUnspecified;
  EXPECT_FALSE(Signer().Verify(Signer().Sign(c), kNow).ok());
  // Numbers that name no role, on either side (found by principal_fuzz).
  for (int number : {-1, 5, 1 << 30}) {
    c.role = static_cast<Role>(number);
    EXPECT_FALSE(Signer().Verify(Signer().Sign(c), kNow).ok()) << number;
  }
}

TEST(PrincipalTest, OnlyServicesMayActForNoOrganisation) {
  Caller c = SchoolAdmin();
  c.organisation_id.clear();
  c.organisation_path.clear();
  EXPECT_FALSE(Signer().Verify(Signer().Sign(c), kNow).ok());
  c.role = Role::kService;
  auto verified = Signer().Verify(Signer().Sign(c), kNow);
  ASSERT_TRUE(verified.ok()) << verified.status();
  EXPECT_FALSE(verified->Covers("/00000000000000a1/"));
}

TEST(PrincipalTest, CoversOnlyItsSubtree) {
  Caller c = SchoolAdmin();
  EXPECT_TRUE(c.Covers("/00000000000000a1/00000000000000b2/"));
  EXPECT_TRUE(c.Covers("/00000000000000a1/00000000000000b2/00000000000000c3/"));
  EXPECT_FALSE(c.Covers("/00000000000000a1/"));
  EXPECT_FALSE(c.Covers("/00000000000000a1/00000000000000b3/"));
}

TEST(PrincipalTest, SecretMustBeLongEnough) {
  EXPECT_FALSE(PrincipalSigner::Create("short").ok());
}

}  // namespace
}  // namespace unionhub::auth
