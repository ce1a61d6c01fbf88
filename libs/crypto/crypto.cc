#include "libs/crypto/crypto.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>

#include <atomic>
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

const unsigned char* U(absl::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

using CipherCtx =
    std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

// Fetched once: the implicit fetch behind EVP_aes_256_gcm() and EVP_sha256()
// costs more than the work itself for short values.
const EVP_CIPHER* AesGcm() {
  static const EVP_CIPHER* cipher =
      EVP_CIPHER_fetch(nullptr, "AES-256-GCM", nullptr);
  return cipher;
}
const EVP_MD* Sha256Md() {
  static const EVP_MD* md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  return md;
}
std::string Sha256Raw(absl::string_view data) {
  // One context per thread: API keys are hashed on every call.
  thread_local std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(
      EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  unsigned char out[SHA256_DIGEST_LENGTH];
  EVP_DigestInit_ex(ctx.get(), Sha256Md(), nullptr);
  EVP_DigestUpdate(ctx.get(), data.data(), data.size());
  EVP_DigestFinal_ex(ctx.get(), out, nullptr);
  return std::string(reinterpret_cast<char*>(out), sizeof(out));
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
  return absl::BytesToHexString(Sha256Raw(data));
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

namespace {

EVP_MD_CTX* PaddedKeyState(absl::string_view key, unsigned char pad) {
  unsigned char block[64] = {0};
  std::string k(key);
  if (k.size() > sizeof(block)) k = Sha256Raw(k);
  for (size_t i = 0; i < sizeof(block); ++i) {
    block[i] = (i < k.size() ? static_cast<unsigned char>(k[i]) : 0) ^ pad;
  }
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  EVP_DigestInit_ex(ctx, Sha256Md(), nullptr);
  EVP_DigestUpdate(ctx, block, sizeof(block));
  return ctx;
}

EVP_MD_CTX* Clone(const void* ctx) {
  EVP_MD_CTX* copy = EVP_MD_CTX_new();
  EVP_MD_CTX_copy_ex(copy, static_cast<const EVP_MD_CTX*>(ctx));
  return copy;
}

}  // namespace

KeyedHash::KeyedHash(absl::string_view key)
    : inner_(PaddedKeyState(key, 0x36)), outer_(PaddedKeyState(key, 0x5c)) {}
KeyedHash::KeyedHash(const KeyedHash& other)
    : inner_(Clone(other.inner_)), outer_(Clone(other.outer_)) {}
KeyedHash::~KeyedHash() {
  EVP_MD_CTX_free(static_cast<EVP_MD_CTX*>(inner_));
  EVP_MD_CTX_free(static_cast<EVP_MD_CTX*>(outer_));
}

std::string KeyedHash::Mac(absl::string_view data) const {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_MD_CTX* ctx = Clone(inner_);
  EVP_DigestUpdate(ctx, data.data(), data.size());
  EVP_DigestFinal_ex(ctx, digest, &len);
  EVP_MD_CTX_copy_ex(ctx, static_cast<const EVP_MD_CTX*>(outer_));
  EVP_DigestUpdate(ctx, digest, len);
  EVP_DigestFinal_ex(ctx, digest, &len);
  EVP_MD_CTX_free(ctx);
  return std::string(reinterpret_cast<char*>(digest), len);
}

namespace {

// An AES-GCM context keyed once per thread and key set: setting the key costs
// far more (OpenSSL parameter lookups, key schedule) than sealing a phone
// number.
class ThreadCipher {
 public:
  ~ThreadCipher() { EVP_CIPHER_CTX_free(ctx_); }
  EVP_CIPHER_CTX* For(uint64_t key_set, const std::string& key, bool encrypt) {
    if (ctx_ == nullptr) ctx_ = EVP_CIPHER_CTX_new();
    if (key_set_ != key_set) {
      EVP_CipherInit_ex(ctx_, AesGcm(), nullptr, U(key), nullptr,
                        encrypt ? 1 : 0);
      key_set_ = key_set;
    }
    return ctx_;
  }

 private:
  EVP_CIPHER_CTX* ctx_ = nullptr;
  uint64_t key_set_ = 0;
};

uint64_t NextKeySetId() {
  static std::atomic<uint64_t> next{1};
  return next++;
}

}  // namespace

DataKeys::DataKeys(std::string enc, std::string index)
    : key_set_id_(NextKeySetId()),
      encryption_key_(std::move(enc)),
      index_(index) {}

absl::StatusOr<DataKeys> DataKeys::Load(absl::string_view file) {
  absl::StatusOr<std::string> master = LoadSecret("UNIONHUB_DATA_KEY", file);
  if (!master.ok()) return master.status();
  return FromMaster(*master);
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
  thread_local ThreadCipher cipher;
  EVP_CIPHER_CTX* ctx =
      cipher.For(key_set_id_, encryption_key_, /*encrypt=*/true);
  std::string nonce = RandomBytes(kNonceSize);
  std::string out(1 + kNonceSize + plaintext.size() + kTagSize, '\0');
  out[0] = kVersion;
  out.replace(1, kNonceSize, nonce);
  int len = 0;
  auto* body = reinterpret_cast<unsigned char*>(out.data()) + 1 + kNonceSize;
  EVP_EncryptInit_ex(ctx, nullptr, nullptr, nullptr,
                     U(nonce));  // Same key, new nonce.
  EVP_EncryptUpdate(ctx, nullptr, &len, U(context), context.size());
  EVP_EncryptUpdate(ctx, body, &len, U(plaintext), plaintext.size());
  EVP_EncryptFinal_ex(ctx, body + len, &len);
  EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, kTagSize,
                      body + plaintext.size());
  return out;
}

absl::StatusOr<std::string> DataKeys::Decrypt(absl::string_view ciphertext,
                                              absl::string_view context) const {
  if (ciphertext.size() < 1 + kNonceSize + kTagSize ||
      ciphertext[0] != kVersion) {
    return absl::FailedPreconditionError("ciphertext is malformed");
  }
  thread_local ThreadCipher cipher;
  EVP_CIPHER_CTX* ctx =
      cipher.For(key_set_id_, encryption_key_, /*encrypt=*/false);
  absl::string_view nonce = ciphertext.substr(1, kNonceSize);
  absl::string_view body = ciphertext.substr(
      1 + kNonceSize, ciphertext.size() - 1 - kNonceSize - kTagSize);
  std::string tag(ciphertext.substr(ciphertext.size() - kTagSize));
  std::string out(body.size(), '\0');
  int len = 0;
  EVP_DecryptInit_ex(ctx, nullptr, nullptr, nullptr, U(nonce));
  EVP_DecryptUpdate(ctx, nullptr, &len, U(context), context.size());
  EVP_DecryptUpdate(ctx, reinterpret_cast<unsigned char*>(out.data()), &len,
                    U(body), body.size());
  EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_TAG, kTagSize, tag.data());
  if (EVP_DecryptFinal_ex(
          ctx, reinterpret_cast<unsigned char*>(out.data()) + len, &len) != 1) {
    return absl::FailedPreconditionError("ciphertext failed authentication");
  }
  return out;
}

std::string DataKeys::BlindIndex(absl::string_view value,
                                 absl::string_view context) const {
  std::string msg = absl::StrCat(context, std::string(1, '\0'), value);
  return absl::BytesToHexString(index_.Mac(msg));
}

}  // namespace unionhub::crypto
