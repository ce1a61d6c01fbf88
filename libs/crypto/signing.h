// Ed25519 signatures (RFC 8032, through OpenSSL): whoever holds a private key
// can sign; holders of the public key can only verify. Principals use them so
// that the services, which hold public keys only, cannot mint callers.
#ifndef UNIONHUB_LIBS_CRYPTO_SIGNING_H_
#define UNIONHUB_LIBS_CRYPTO_SIGNING_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace unionhub::crypto {

// The 32 raw bytes of an Ed25519 public key.
class PublicKey final {
 public:
  // INVALID_ARGUMENT unless `raw` is 32 bytes of a valid key.
  static absl::StatusOr<PublicKey> FromRaw(absl::string_view raw);
  // The key as written in configuration: base64 of the raw bytes.
  static absl::StatusOr<PublicKey> FromBase64(absl::string_view text);

  bool Verify(absl::string_view message, absl::string_view signature) const;
  const std::string& raw() const { return raw_; }
  std::string Base64() const;
  // A short name for the key: hex of the first 8 bytes of SHA-256(raw).
  std::string Id() const;

 private:
  PublicKey(std::shared_ptr<void> pkey, std::string raw)
      : pkey_(std::move(pkey)), raw_(std::move(raw)) {}
  std::shared_ptr<void> pkey_;  // EVP_PKEY, immutable once made.
  std::string raw_;
};

class SigningKey final {
 public:
  // From the 32-byte private seed (as kept in a secret).
  static absl::StatusOr<SigningKey> FromSeed(absl::string_view seed);
  // A fresh random key (tests, and the key tool).
  static SigningKey Generate();

  std::string Sign(absl::string_view message) const;  // 64 bytes.
  const PublicKey& public_key() const { return public_key_; }
  std::string Seed() const;  // For writing a new key to a secret.

 private:
  SigningKey(std::shared_ptr<void> pkey, PublicKey public_key)
      : pkey_(std::move(pkey)), public_key_(std::move(public_key)) {}
  std::shared_ptr<void> pkey_;  // EVP_PKEY
  PublicKey public_key_;
};

}  // namespace unionhub::crypto

#endif  // UNIONHUB_LIBS_CRYPTO_SIGNING_H_
