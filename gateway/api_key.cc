#include "gateway/api_key.h"

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "libs/base/ids.h"
#include "libs/crypto/crypto.h"

namespace unionhub::gateway {
namespace {

constexpr absl::string_view kPrefix = "uhk_";
constexpr size_t kIdLength = 16;
constexpr size_t kRandomLength = 43;  // base64url of 32 bytes, unpadded.

bool IsLowerHex(absl::string_view s) {
  for (char c : s) {
    if (!absl::ascii_isdigit(c) && (c < 'a' || c > 'f')) return false;
  }
  return true;
}

bool IsBase64Url(absl::string_view s) {
  for (char c : s) {
    if (!absl::ascii_isalnum(c) && c != '-' && c != '_') return false;
  }
  return true;
}

}  // namespace

std::string NewSecret(absl::string_view key_id) {
  return absl::StrCat(kPrefix, key_id, "_",
                      absl::WebSafeBase64Escape(RandomBytes(32)));
}

absl::StatusOr<std::string> KeyIdOfSecret(absl::string_view secret) {
  const size_t length = kPrefix.size() + kIdLength + 1 + kRandomLength;
  if (secret.size() != length || !absl::StartsWith(secret, kPrefix) ||
      secret[kPrefix.size() + kIdLength] != '_') {
    return absl::UnauthenticatedError(
        "malformed API key: expected uhk_<16 hex digits>_<43 characters>");
  }
  absl::string_view id = secret.substr(kPrefix.size(), kIdLength);
  if (!IsLowerHex(id) ||
      !IsBase64Url(secret.substr(kPrefix.size() + kIdLength + 1))) {
    return absl::UnauthenticatedError("malformed API key");
  }
  return std::string(id);
}

std::string HashSecret(absl::string_view secret) {
  return crypto::Sha256Hex(secret);
}

bool SecretMatches(absl::string_view secret, absl::string_view secret_hash) {
  return crypto::ConstantTimeEquals(HashSecret(secret), secret_hash);
}

absl::StatusOr<absl::string_view> BearerSecret(absl::string_view header) {
  if (header.empty()) {
    return absl::UnauthenticatedError(
        "missing API key: send the header 'authorization: Bearer <key>'");
  }
  constexpr absl::string_view kBearer = "bearer ";
  if (header.size() <= kBearer.size() ||
      !absl::StartsWithIgnoreCase(header, kBearer)) {
    return absl::UnauthenticatedError(
        "malformed authorization header: expected 'Bearer <key>'");
  }
  return absl::StripAsciiWhitespace(header.substr(kBearer.size()));
}

}  // namespace unionhub::gateway
