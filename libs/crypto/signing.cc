#include "libs/crypto/signing.h"

#include <openssl/evp.h>
#include <openssl/rand.h>

#include "absl/strings/escaping.h"
#include "libs/crypto/crypto.h"

namespace unionhub::crypto {
namespace {

constexpr size_t kKeyBytes = 32;
constexpr size_t kSignatureBytes = 64;

std::shared_ptr<void> Own(EVP_PKEY* pkey) {
  return std::shared_ptr<void>(
      pkey, [](void* p) { EVP_PKEY_free(static_cast<EVP_PKEY*>(p)); });
}

struct MdCtxFree {
  void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};

}  // namespace

absl::StatusOr<PublicKey> PublicKey::FromRaw(absl::string_view raw) {
  if (raw.size() != kKeyBytes)
    return absl::InvalidArgumentError("an Ed25519 public key is 32 bytes");
  EVP_PKEY* pkey = EVP_PKEY_new_raw_public_key(
      EVP_PKEY_ED25519, nullptr,
      reinterpret_cast<const unsigned char*>(raw.data()), raw.size());
  if (pkey == nullptr)
    return absl::InvalidArgumentError("not an Ed25519 public key");
  return PublicKey(Own(pkey), std::string(raw));
}

absl::StatusOr<PublicKey> PublicKey::FromBase64(absl::string_view text) {
  std::string raw;
  if (!absl::Base64Unescape(text, &raw))
    return absl::InvalidArgumentError("a public key must be base64");
  return FromRaw(raw);
}

bool PublicKey::Verify(absl::string_view message,
                       absl::string_view signature) const {
  if (signature.size() != kSignatureBytes) return false;
  std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx(EVP_MD_CTX_new());
  if (!ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr,
                                   static_cast<EVP_PKEY*>(pkey_.get())) != 1) {
    return false;
  }
  return EVP_DigestVerify(
             ctx.get(),
             reinterpret_cast<const unsigned char*>(signature.data()),
             signature.size(),
             reinterpret_cast<const unsigned char*>(message.data()),
             message.size()) == 1;
}

std::string PublicKey::Base64() const { return absl::Base64Escape(raw_); }

std::string PublicKey::Id() const { return Sha256Hex(raw_).substr(0, 16); }

absl::StatusOr<SigningKey> SigningKey::FromSeed(absl::string_view seed) {
  if (seed.size() != kKeyBytes)
    return absl::InvalidArgumentError("an Ed25519 private key is 32 bytes");
  EVP_PKEY* pkey = EVP_PKEY_new_raw_private_key(
      EVP_PKEY_ED25519, nullptr,
      reinterpret_cast<const unsigned char*>(seed.data()), seed.size());
  if (pkey == nullptr)
    return absl::InvalidArgumentError("not an Ed25519 private key");
  std::shared_ptr<void> owned = Own(pkey);
  std::string raw(kKeyBytes, '\0');
  size_t size = raw.size();
  if (EVP_PKEY_get_raw_public_key(
          pkey, reinterpret_cast<unsigned char*>(raw.data()), &size) != 1 ||
      size != kKeyBytes) {
    return absl::InternalError("cannot derive the public key");
  }
  absl::StatusOr<PublicKey> public_key = PublicKey::FromRaw(raw);
  if (!public_key.ok()) return public_key.status();
  return SigningKey(std::move(owned), *std::move(public_key));
}

SigningKey SigningKey::Generate() {
  std::string seed(kKeyBytes, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(seed.data()), seed.size()) !=
      1) {
    std::abort();  // No randomness: nothing safe can be done.
  }
  return *FromSeed(seed);
}

std::string SigningKey::Sign(absl::string_view message) const {
  std::string signature(kSignatureBytes, '\0');
  size_t size = signature.size();
  std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx(EVP_MD_CTX_new());
  if (!ctx ||
      EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr,
                         static_cast<EVP_PKEY*>(pkey_.get())) != 1 ||
      EVP_DigestSign(ctx.get(),
                     reinterpret_cast<unsigned char*>(signature.data()), &size,
                     reinterpret_cast<const unsigned char*>(message.data()),
                     message.size()) != 1) {
    std::abort();  // Signing with a valid key only fails out of memory.
  }
  return signature;
}

std::string SigningKey::Seed() const {
  std::string seed(kKeyBytes, '\0');
  size_t size = seed.size();
  EVP_PKEY_get_raw_private_key(static_cast<EVP_PKEY*>(pkey_.get()),
                               reinterpret_cast<unsigned char*>(seed.data()),
                               &size);
  return seed;
}

}  // namespace unionhub::crypto
