// Keyed cryptography for personal data and signatures (OpenSSL underneath).
//
// One 32-byte master key (from a file or the environment) yields two sub-keys,
// so that a leaked search index reveals nothing about the encryption key:
// AES-256-GCM for 身份证号 and phone at rest, and HMAC-SHA256 "blind indexes"
// for equality search.
#ifndef UNIONHUB_LIBS_CRYPTO_CRYPTO_H_
#define UNIONHUB_LIBS_CRYPTO_CRYPTO_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace unionhub::crypto {

std::string HmacSha256(absl::string_view key, absl::string_view data);
std::string Sha256Hex(absl::string_view data);
bool ConstantTimeEquals(absl::string_view a, absl::string_view b);

// SHA-256 over data that arrives in pieces (a streamed upload).
class Sha256Stream final {
 public:
  Sha256Stream();
  ~Sha256Stream();
  Sha256Stream(const Sha256Stream&) = delete;
  Sha256Stream& operator=(const Sha256Stream&) = delete;
  void Update(absl::string_view data);
  std::string HexDigest();  // Once, at the end.

 private:
  void* ctx_;  // EVP_MD_CTX, kept out of the header.
};

// Reads a secret: the environment variable `env` (base64), else the file named
// by the variable `env`_FILE, else `file` (a flag; empty means none). Files
// hold base64 text or raw bytes. NOT_FOUND when no source is set.
absl::StatusOr<std::string> LoadSecret(absl::string_view env,
                                       absl::string_view file);

// HMAC-SHA256 under one key, with the key's inner and outer states computed
// once: the one-shot HMAC() redoes them (and a provider fetch) on every call.
class KeyedHash final {
 public:
  explicit KeyedHash(absl::string_view key);
  KeyedHash(const KeyedHash& other);
  KeyedHash& operator=(const KeyedHash&) = delete;
  ~KeyedHash();
  std::string Mac(absl::string_view data) const;  // 32 raw bytes.

 private:
  void* inner_;  // EVP_MD_CTX after key ^ ipad.
  void* outer_;  // EVP_MD_CTX after key ^ opad.
};

class DataKeys final {
 public:
  // `master` must be 32 bytes.
  static absl::StatusOr<DataKeys> FromMaster(absl::string_view master);
  // The service's data key: UNIONHUB_DATA_KEY, UNIONHUB_DATA_KEY_FILE or
  // `file` (see LoadSecret), which must hold 32 bytes.
  static absl::StatusOr<DataKeys> Load(absl::string_view file);

  // Encrypts with a fresh random nonce. `context` (e.g. "member.id_number") is
  // bound as associated data, so a ciphertext cannot be moved to another field.
  std::string Encrypt(absl::string_view plaintext,
                      absl::string_view context) const;
  // FAILED_PRECONDITION when the ciphertext was altered or is under another
  // key.
  absl::StatusOr<std::string> Decrypt(absl::string_view ciphertext,
                                      absl::string_view context) const;
  // Deterministic keyed hash (hex) for equality search of `value` within
  // `context`.
  std::string BlindIndex(absl::string_view value,
                         absl::string_view context) const;

 private:
  DataKeys(std::string enc, std::string index);
  // Tells apart key sets in the per-thread cipher contexts (copies share it).
  uint64_t key_set_id_;
  std::string encryption_key_;
  KeyedHash index_;
};

}  // namespace unionhub::crypto

#endif  // UNIONHUB_LIBS_CRYPTO_CRYPTO_H_
