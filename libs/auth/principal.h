// The caller identity the gateway signs for every call it forwards, and that
// every service verifies before doing anything: key id, organisation id and
// path, role and expiry, HMAC-SHA256 under a secret shared by the gateway and
// the services.
//
// Wire form, in the metadata entry kPrincipalMetadataKey:
//   base64url(serialized unionhub.auth.v1.Principal) "." base64url(HMAC)
#ifndef UNIONHUB_LIBS_AUTH_PRINCIPAL_H_
#define UNIONHUB_LIBS_AUTH_PRINCIPAL_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "libs/crypto/crypto.h"

namespace unionhub::auth {

inline constexpr char kPrincipalMetadataKey[] = "x-unionhub-principal";

// Mirrors unionhub.auth.v1.Role, so domain code needs no protobuf.
enum class Role {
  kUnspecified = 0,
  kViewer = 1,
  kUnionAdmin = 2,
  kFederationAdmin = 3,
  kService = 4
};

struct Caller {
  std::string key_id;
  std::string organisation_id;
  std::string organisation_path;  // "/<root>/.../<organisation_id>/"
  Role role = Role::kUnspecified;
  absl::Time expires = absl::InfinitePast();

  // True when `path` (an organisation's path) lies in this caller's subtree.
  bool Covers(absl::string_view path) const;
  // Roles that may read 身份证号 and phone in full.
  bool MaySeePersonalData() const;
  bool MayWrite() const;
};

std::string RoleName(Role role);

class PrincipalSigner final {
 public:
  // `secret` at least 32 bytes.
  static absl::StatusOr<PrincipalSigner> Create(std::string secret);

  std::string Sign(const Caller& caller) const;
  // UNAUTHENTICATED when missing, malformed, forged, altered or expired at
  // `now`.
  absl::StatusOr<Caller> Verify(absl::string_view token, absl::Time now) const;

 private:
  explicit PrincipalSigner(absl::string_view secret) : mac_(secret) {}
  crypto::KeyedHash mac_;  // every call is signed and checked: key it once
};

}  // namespace unionhub::auth

#endif  // UNIONHUB_LIBS_AUTH_PRINCIPAL_H_
