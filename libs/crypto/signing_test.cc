#include "libs/crypto/signing.h"

#include <gtest/gtest.h>

#include "absl/strings/escaping.h"

namespace unionhub::crypto {
namespace {

std::string Hex(absl::string_view hex) { return absl::HexStringToBytes(hex); }

// RFC 8032, section 7.1, TEST 1.
TEST(SigningTest, MatchesTheRfcVector) {
  auto key = SigningKey::FromSeed(
      Hex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
  ASSERT_TRUE(key.ok()) << key.status();
  EXPECT_EQ(absl::BytesToHexString(key->public_key().raw()),
            "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
  std::string signature = key->Sign("");
  EXPECT_EQ(absl::BytesToHexString(signature),
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555f"
            "b8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
  EXPECT_TRUE(key->public_key().Verify("", signature));
}

TEST(SigningTest, OnlyTheKeysOwnSignatureOfTheSameMessageVerifies) {
  SigningKey key = SigningKey::Generate();
  SigningKey other = SigningKey::Generate();
  std::string signature = key.Sign("message");
  EXPECT_TRUE(key.public_key().Verify("message", signature));
  EXPECT_FALSE(key.public_key().Verify("messagE", signature));
  EXPECT_FALSE(other.public_key().Verify("message", signature));
  std::string flipped = signature;
  flipped[10] ^= 1;
  EXPECT_FALSE(key.public_key().Verify("message", flipped));
  EXPECT_FALSE(key.public_key().Verify("message", signature.substr(1)));
  EXPECT_FALSE(key.public_key().Verify("message", ""));
}

TEST(SigningTest, KeysRoundTripThroughTheirWrittenForms) {
  SigningKey key = SigningKey::Generate();
  auto again = SigningKey::FromSeed(key.Seed());
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->public_key().raw(), key.public_key().raw());
  auto parsed = PublicKey::FromBase64(key.public_key().Base64());
  ASSERT_TRUE(parsed.ok());
  EXPECT_TRUE(parsed->Verify("m", key.Sign("m")));
  EXPECT_EQ(parsed->Id(), key.public_key().Id());
  EXPECT_EQ(parsed->Id().size(), 16u);
  EXPECT_NE(SigningKey::Generate().public_key().Id(), key.public_key().Id());
  EXPECT_FALSE(PublicKey::FromBase64("not base64!").ok());
  EXPECT_FALSE(PublicKey::FromRaw("short").ok());
  EXPECT_FALSE(SigningKey::FromSeed("short").ok());
}

}  // namespace
}  // namespace unionhub::crypto
