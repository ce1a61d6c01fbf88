#include "libs/auth/principal.h"

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
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

// Fixed keys, so each test's signers and verifiers agree.
PrincipalSigner Signer(char fill = 's') {
  return PrincipalSigner(*crypto::SigningKey::FromSeed(std::string(32, fill)));
}

// Trusts the gateway key Signer(fill) (and a service key, when given).
PrincipalVerifier Verifier(char fill = 's', char service_fill = 0) {
  std::vector<PrincipalVerifier::TrustedKey> keys = {
      {Signer(fill).public_key(), KeyKind::kGateway}};
  if (service_fill)
    keys.push_back({Signer(service_fill).public_key(), KeyKind::kService});
  return PrincipalVerifier(keys);
}

TEST(PrincipalTest, SignedPrincipalVerifies) {
  auto c = Verifier().Verify(Signer().Sign(SchoolAdmin()), kNow);
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ(c->organisation_path, SchoolAdmin().organisation_path);
  EXPECT_EQ(c->role, Role::kUnionAdmin);
}

TEST(PrincipalTest, RefusesForgedAlteredExpiredAndMissing) {
  std::string token = Signer().Sign(SchoolAdmin());
  EXPECT_EQ(Verifier('x').Verify(token, kNow).status().code(),
            absl::StatusCode::kUnauthenticated);
  // Swap in a payload claiming federation admin, keeping the old signature.
  Caller escalated = SchoolAdmin();
  escalated.role = Role::kFederationAdmin;
  std::string other = Signer().Sign(escalated);
  size_t first = token.find('.'), last = token.rfind('.');
  std::string spliced = other.substr(0, other.rfind('.')) + token.substr(last);
  EXPECT_FALSE(Verifier().Verify(spliced, kNow).ok());
  // Another trusted key's id in front of this key's signature.
  std::string relabelled = Signer('t').public_key().Id() + token.substr(first);
  EXPECT_FALSE(Verifier('s', 't').Verify(relabelled, kNow).ok());
  EXPECT_FALSE(Verifier().Verify(token, kNow + absl::Minutes(6)).ok());
  EXPECT_FALSE(Verifier().Verify("", kNow).ok());
  EXPECT_FALSE(Verifier().Verify("garbage", kNow).ok());
  EXPECT_FALSE(Verifier().Verify("a.b.c", kNow).ok());
  EXPECT_FALSE(Verifier().Verify(token + ".d", kNow).ok());
}

TEST(PrincipalTest, RefusesInconsistentClaims) {
  Caller c = SchoolAdmin();
  c.organisation_path = "/00000000000000a1/";  // Does not end in its own id.
  EXPECT_FALSE(Verifier().Verify(Signer().Sign(c), kNow).ok());
  c = SchoolAdmin();
  c.role = Role::kUnspecified;
  EXPECT_FALSE(Verifier().Verify(Signer().Sign(c), kNow).ok());
  // Numbers that name no role, on either side (found by principal_fuzz).
  for (int number : {-1, 5, 1 << 30}) {
    c.role = static_cast<Role>(number);
    EXPECT_FALSE(Verifier().Verify(Signer().Sign(c), kNow).ok()) << number;
  }
}

TEST(PrincipalTest, OnlyServicesMayActForNoOrganisation) {
  Caller c = SchoolAdmin();
  c.organisation_id.clear();
  c.organisation_path.clear();
  EXPECT_FALSE(Verifier().Verify(Signer().Sign(c), kNow).ok());
  c.role = Role::kService;
  auto verified = Verifier().Verify(Signer().Sign(c), kNow);
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

TEST(PrincipalTest, AnExpiredTokenIsRefusedEvenAfterItWasVerified) {
  PrincipalVerifier verifier = Verifier();
  std::string token = Signer().Sign(SchoolAdmin());
  ASSERT_TRUE(verifier.Verify(token, kNow).ok());
  ASSERT_TRUE(verifier.Verify(token, kNow).ok()) << "remembered";
  EXPECT_FALSE(verifier.Verify(token, kNow + absl::Minutes(6)).ok());
}

// Services hold public keys only; one that signs with its own key can act
// only as itself, a service (which reaches internal methods only).
TEST(PrincipalTest, AServiceKeySignsOnlyServicePrincipals) {
  PrincipalVerifier verifier = Verifier('s', 'r');
  PrincipalSigner reporting = Signer('r');
  for (Role role : {Role::kViewer, Role::kUnionAdmin, Role::kFederationAdmin}) {
    Caller c = SchoolAdmin();
    c.role = role;
    absl::StatusOr<Caller> refused = verifier.Verify(reporting.Sign(c), kNow);
    EXPECT_EQ(refused.status().code(), absl::StatusCode::kUnauthenticated);
    EXPECT_TRUE(absl::StrContains(refused.status().message(),
                                  "only service principals"))
        << refused.status();
  }
  Caller service = SchoolAdmin();
  service.role = Role::kService;
  EXPECT_TRUE(verifier.Verify(reporting.Sign(service), kNow).ok());
}

TEST(PrincipalTest, UnknownKeysAreRefusedAndRotationKeepsBothLive) {
  PrincipalSigner old_key = Signer('o'), new_key = Signer('n');
  std::string old_token = old_key.Sign(SchoolAdmin());
  std::string new_token = new_key.Sign(SchoolAdmin());
  // Before: only the old key is trusted.
  PrincipalVerifier before({{old_key.public_key(), KeyKind::kGateway}});
  EXPECT_TRUE(before.Verify(old_token, kNow).ok());
  absl::StatusOr<Caller> unknown = before.Verify(new_token, kNow);
  EXPECT_EQ(unknown.status().code(), absl::StatusCode::kUnauthenticated);
  EXPECT_TRUE(absl::StrContains(unknown.status().message(), "not trusted"))
      << unknown.status();
  // During: both, so callers signed either way get in.
  PrincipalVerifier during({{old_key.public_key(), KeyKind::kGateway},
                            {new_key.public_key(), KeyKind::kGateway}});
  EXPECT_TRUE(during.Verify(old_token, kNow).ok());
  EXPECT_TRUE(during.Verify(new_token, kNow).ok());
  // After: the old key is dropped.
  PrincipalVerifier after({{new_key.public_key(), KeyKind::kGateway}});
  EXPECT_FALSE(after.Verify(old_token, kNow).ok());
  EXPECT_TRUE(after.Verify(new_token, kNow).ok());
}

TEST(PrincipalTest, PublicKeysFileTrustsWhatItSays) {
  std::string text = absl::StrCat(
      "# rotated 2026-11\n",
      PublicKeyLine(KeyKind::kGateway, Signer('o').public_key()), "\n\n  ",
      PublicKeyLine(KeyKind::kGateway, Signer('n').public_key()), "\n",
      PublicKeyLine(KeyKind::kService, Signer('r').public_key()), "\n");
  absl::StatusOr<PrincipalVerifier> verifier = PrincipalVerifier::Parse(text);
  ASSERT_TRUE(verifier.ok()) << verifier.status();
  EXPECT_TRUE(verifier->Verify(Signer('o').Sign(SchoolAdmin()), kNow).ok());
  EXPECT_TRUE(verifier->Verify(Signer('n').Sign(SchoolAdmin()), kNow).ok());
  EXPECT_FALSE(verifier->Verify(Signer('r').Sign(SchoolAdmin()), kNow).ok());
  EXPECT_FALSE(verifier->Verify(Signer('x').Sign(SchoolAdmin()), kNow).ok());

  for (const char* bad : {"", "# nothing\n", "gateway\n", "admin AAAA\n",
                          "gateway not-base64!\n", "service AAAA\n"}) {
    absl::StatusOr<PrincipalVerifier> refused = PrincipalVerifier::Parse(bad);
    EXPECT_EQ(refused.status().code(), absl::StatusCode::kInvalidArgument)
        << bad;
  }
}

}  // namespace
}  // namespace unionhub::auth
