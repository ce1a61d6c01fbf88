#include "libs/crypto/crypto.h"

#include <cstdlib>
#include <fstream>

#include "absl/strings/escaping.h"
#include "gtest/gtest.h"

namespace unionhub::crypto {
namespace {

DataKeys Keys(char fill = 'k') {
  return *DataKeys::FromMaster(std::string(32, fill));
}

TEST(CryptoTest, EncryptsAndDecrypts) {
  DataKeys keys = Keys();
  std::string c = keys.Encrypt("110101199003077777", "member.id_number");
  EXPECT_EQ(c.find("110101199003077777"), std::string::npos);
  EXPECT_EQ(*keys.Decrypt(c, "member.id_number"), "110101199003077777");
  // Fresh nonce: the same plaintext never gives the same ciphertext.
  EXPECT_NE(c, keys.Encrypt("110101199003077777", "member.id_number"));
}

TEST(CryptoTest, RefusesTamperingOtherContextsAndOtherKeys) {
  DataKeys keys = Keys();
  std::string c = keys.Encrypt("13800138000", "member.phone");
  std::string tampered = c;
  tampered[15] ^= 1;
  EXPECT_FALSE(keys.Decrypt(tampered, "member.phone").ok());
  EXPECT_FALSE(keys.Decrypt(c, "member.id_number").ok());
  EXPECT_FALSE(Keys('x').Decrypt(c, "member.phone").ok());
  EXPECT_FALSE(keys.Decrypt("short", "member.phone").ok());
}

TEST(CryptoTest, InterleavedKeySetsOnOneThreadKeepTheirOwnKeys) {
  DataKeys a = Keys('a'), b = Keys('b');
  std::string ca = a.Encrypt("甲", "f"), cb = b.Encrypt("乙", "f");
  std::string ca2 = a.Encrypt("丙", "f");
  EXPECT_EQ(*a.Decrypt(ca, "f"), "甲");
  EXPECT_EQ(*b.Decrypt(cb, "f"), "乙");
  EXPECT_EQ(*a.Decrypt(ca2, "f"), "丙");
  EXPECT_FALSE(b.Decrypt(ca, "f").ok());
  DataKeys copy = a;  // A copy holds the same keys.
  EXPECT_EQ(*copy.Decrypt(ca, "f"), "甲");
}

TEST(CryptoTest, BlindIndexIsKeyedAndDeterministic) {
  DataKeys keys = Keys();
  EXPECT_EQ(keys.BlindIndex("a", "c"), keys.BlindIndex("a", "c"));
  EXPECT_NE(keys.BlindIndex("a", "c"), keys.BlindIndex("a", "d"));
  EXPECT_NE(keys.BlindIndex("a", "c"), Keys('x').BlindIndex("a", "c"));
}

TEST(CryptoTest, StreamedHashEqualsWholeHash) {
  Sha256Stream stream;
  stream.Update("工会");
  stream.Update("花名册");
  EXPECT_EQ(stream.HexDigest(), Sha256Hex("工会花名册"));
}

TEST(CryptoTest, KeyedHashIsHmacSha256) {
  for (const std::string& key :
       {std::string(32, 'k'), std::string(100, 'l'), std::string()}) {
    KeyedHash hash(key);
    KeyedHash copy(hash);
    for (const std::string& data :
         {std::string(), std::string("工会"), std::string(200, 'd')}) {
      EXPECT_EQ(hash.Mac(data), HmacSha256(key, data));
      EXPECT_EQ(copy.Mac(data), HmacSha256(key, data));
    }
  }
}

TEST(CryptoTest, MasterKeyMustBe32Bytes) {
  EXPECT_FALSE(DataKeys::FromMaster("short").ok());
}

TEST(CryptoTest, LoadsSecretsFromEnvironmentOrFile) {
  std::string secret(32, 's');
  std::string path = ::testing::TempDir() + "/secret";
  std::ofstream(path) << absl::Base64Escape(secret) << "\n";
  unsetenv("UNIONHUB_TEST_SECRET");
  EXPECT_EQ(LoadSecret("UNIONHUB_TEST_SECRET", "").status().code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(*LoadSecret("UNIONHUB_TEST_SECRET", path), secret);
  setenv("UNIONHUB_TEST_SECRET",
         absl::Base64Escape(std::string(32, 'e')).c_str(), 1);
  EXPECT_EQ(*LoadSecret("UNIONHUB_TEST_SECRET", path), std::string(32, 'e'));
  unsetenv("UNIONHUB_TEST_SECRET");
}

}  // namespace
}  // namespace unionhub::crypto
