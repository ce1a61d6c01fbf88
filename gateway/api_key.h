// API keys: what they are, how their secrets look, and how they are kept.
//
// A secret is "uhk_" + the key id (16 hex digits) + "_" + 43 characters of
// base64url (32 random bytes). The id inside the secret finds the stored key
// without scanning; only SHA-256 of the whole secret is stored.
#ifndef UNIONHUB_GATEWAY_API_KEY_H_
#define UNIONHUB_GATEWAY_API_KEY_H_

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "libs/auth/principal.h"

namespace unionhub::gateway {

struct ApiKey {
  std::string id;
  std::string secret_hash;  // Hex SHA-256 of the secret; never leaves here.
  std::string display_name;
  std::string organisation_id;
  std::string organisation_path;
  auth::Role role = auth::Role::kUnspecified;
  absl::Time create_time;
  std::string created_by_key_id;
  std::optional<absl::Time> expire_time;
  std::optional<absl::Time> revoke_time;
  std::string revoked_by_key_id;
  std::string revoke_reason;

  bool ActiveAt(absl::Time now) const {
    return !revoke_time && (!expire_time || *expire_time > now);
  }
};

// A new secret for the key `key_id`.
std::string NewSecret(absl::string_view key_id);
// The key id inside `secret`; UNAUTHENTICATED when it is not of our form.
absl::StatusOr<std::string> KeyIdOfSecret(absl::string_view secret);
std::string HashSecret(absl::string_view secret);
// Constant-time comparison of `secret` with a stored hash.
bool SecretMatches(absl::string_view secret, absl::string_view secret_hash);

// The secret in an `authorization` header value ("Bearer <secret>").
absl::StatusOr<absl::string_view> BearerSecret(absl::string_view header);

}  // namespace unionhub::gateway

#endif  // UNIONHUB_GATEWAY_API_KEY_H_
