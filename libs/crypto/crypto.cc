#include "libs/crypto/crypto.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>

#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "libs/base/ids.h"

namespace unionhub::crypto {
namespace {

constexpr char kVersion = 1;  // First byte of every ciphertext: the format.
constexpr size_t kNonceSize = 12;
constexpr size_t kTagSize = 16;

using CipherCtx =
    std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

const unsigned char* U(absl::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

// Secrets are written as base64 text by our tools; raw 32-byte files also work.
std::string DecodeSecret(std::string text) {
  std::string stripped(absl::StripAsciiWhitespace(text));
  std::string decoded;
  if (absl::Base64Unescape(stripped, &decoded) && decoded.size() >= 16)
    return decoded;
  return text;
}

}  // namespace

std::string HmacSha256(absl::string_view key, absl::string_view data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), key.data(), key.size(), U(data), data.size(), out, &len);
  return std::string(reinterpret_cast<char*>(out), len);
}

std::string Sha256Hex(absl::string_view data) {
  unsigned char out[SHA256_DIGEST_LENGTH];
  SHA256(U(data), data.size(), out);
  return absl::BytesToHexString(
      absl::string_view(reinterpret_cast<char*>(out), sizeof(out)));
}

Sha256Stream::Sha256Stream() : ctx_(EVP_MD_CTX_new()) {
  EVP_DigestInit_ex(static_cast<EVP_MD_CTX*>(ctx_), EVP_sha256(), nullptr);
}
Sha256Stream::~Sha256Stream() {
  EVP_MD_CTX_free(static_cast<EVP_MD_CTX*>(ctx_));
}
void Sha256Stream::Update(absl::string_view data) {
  EVP_DigestUpdate(static_cast<EVP_MD_CTX*>(ctx_), data.data(), data.size());
}
std::string Sha256Stream::HexDigest() {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_DigestFinal_ex(static_cast<EVP_MD_CTX*>(ctx_), out, &len);
  return absl::BytesToHexString(
      absl::string_view(reinterpret_cast<char*>(out), len));
}

bool ConstantTimeEquals(absl::string_view a, absl::string_view b) {
  return a.size() == b.size() &&
         CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

absl::StatusOr<std::string> LoadSecret(absl::string_view env,
                                       absl::string_view file) {
  std::string name(env);
  if (const char* value = std::getenv(name.c_str()); value && *value) {
    return DecodeSecret(value);
  }
  std::string path(file);
  if (const char* value = std::getenv((name + "_FILE").c_str());
      value && *value) {
    path = value;
  }
  if (path.empty()) {
    return absl::NotFoundError(absl::StrCat("no secret: set ", name, " or ",
                                            name, "_FILE, or pass the flag"));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return absl::NotFoundError(absl::StrCat("cannot read secret file ", path));
  std::stringstream buffer;
  buffer << in.rdbuf();
  return DecodeSecret(buffer.str());
}

absl::StatusOr<DataKeys> DataKeys::FromMaster(absl::string_view master) {
  if (master.size() != 32) {
    return absl::InvalidArgumentError("the data key must be 32 bytes");
  }
  return DataKeys(HmacSha256(master, "unionhub data encryption v1"),
                  HmacSha256(master, "unionhub blind index v1"));
}

std::string DataKeys::Encrypt(absl::string_view plaintext,
                              absl::string_view context) const {
  std::string nonce = RandomBytes(kNonceSize);
  std::string out(1 + kNonceSize + plaintext.size() + kTagSize, '\0');
  out[0] = kVersion;
  out.replace(1, kNonceSize, nonce);
  CipherCtx ctx(EVP_CIPHER_CTX_new(), EVP_CIPHER_CTX_free);
  int len = 0;
  auto* body = reinterpret_cast<unsigned char*>(out.data()) + 1 + kNonceSize;
  EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, U(encryption_key_),
                     U(nonce));
  EVP_EncryptUpdate(ctx.get(), nullptr, &len, U(context), context.size());
  EVP_EncryptUpdate(ctx.get(), body, &len, U(plaintext), plaintext.size());
  EVP_EncryptFinal_ex(ctx.get(), body + len, &len);
  EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, kTagSize,
                      body + plaintext.size());
  return out;
}

absl::StatusOr<std::string> DataKeys::Decrypt(absl::string_view ciphertext,
                                              absl::string_view context) const {
  if (ciphertext.size() < 1 + kNonceSize + kTagSize ||
      ciphertext[0] != kVersion) {
    return absl::FailedPreconditionError("ciphertext is malformed");
  }
  absl::string_view nonce = ciphertext.substr(1, kNonceSize);
  absl::string_view body = ciphertext.substr(
      1 + kNonceSize, ciphertext.size() - 1 - kNonceSize - kTagSize);
  std::string tag(ciphertext.substr(ciphertext.size() - kTagSize));
  std::string out(body.size(), '\0');
  CipherCtx ctx(EVP_CIPHER_CTX_new(), EVP_CIPHER_CTX_free);
  int len = 0;
  EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, U(encryption_key_),
                     U(nonce));
  EVP_DecryptUpdate(ctx.get(), nullptr, &len, U(context), context.size());
  EVP_DecryptUpdate(ctx.get(), reinterpret_cast<unsigned char*>(out.data()),
                    &len, U(body), body.size());
  EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, kTagSize, tag.data());
  if (EVP_DecryptFinal_ex(ctx.get(),
                          reinterpret_cast<unsigned char*>(out.data()) + len,
                          &len) != 1) {
    return absl::FailedPreconditionError("ciphertext failed authentication");
  }
  return out;
}

std::string DataKeys::BlindIndex(absl::string_view value,
                                 absl::string_view context) const {
  std::string msg = absl::StrCat(context, std::string(1, '\0'), value);
  return absl::BytesToHexString(HmacSha256(index_key_, msg));
}

}  // namespace unionhub::crypto
