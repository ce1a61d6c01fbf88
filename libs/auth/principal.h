// The caller identity the gateway signs for every call it forwards, and that
// every service verifies before doing anything: key id, organisation id and
// path, role and expiry, signed with Ed25519. The gateway holds its private
// key; services hold only public keys, so no service can mint a caller. A
// service that calls another as itself signs with its own key, which is
// trusted for service principals only (and those reach internal methods only).
//
// Wire form, in the metadata entry kPrincipalMetadataKey:
//   <signing key id> "." base64url(serialized unionhub.auth.v1.Principal)
//   "." base64url(Ed25519 signature)
#ifndef UNIONHUB_LIBS_AUTH_PRINCIPAL_H_
#define UNIONHUB_LIBS_AUTH_PRINCIPAL_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "libs/crypto/signing.h"

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
  // Set by the call path for the call being served: the principal as
  // received and the call's deadline, so that calls made on the caller's
  // behalf (libs/clients) carry both on.
  std::string token;
  absl::Time deadline = absl::InfiniteFuture();

  // True when `path` (an organisation's path) lies in this caller's subtree.
  bool Covers(absl::string_view path) const;
  // Roles that may read 身份证号 and phone in full.
  bool MaySeePersonalData() const;
  bool MayWrite() const;
};

std::string RoleName(Role role);

// A service acting as itself (role service), e.g. reading a feed or writing
// what a fresh install starts with; the organisation, when given, is where its
// audit records and events belong.
Caller ServiceCaller(absl::string_view key_id,
                     absl::string_view organisation_id = "",
                     absl::string_view organisation_path = "");

// Whose key signed a principal decides what it may claim: the gateway's any
// caller, a service's only itself (role service).
enum class KeyKind { kGateway, kService };

class PrincipalSigner final {
 public:
  explicit PrincipalSigner(crypto::SigningKey key)
      : key_(std::move(key)), key_id_(key_.public_key().Id()) {}

  std::string Sign(const Caller& caller) const;
  const crypto::PublicKey& public_key() const { return key_.public_key(); }

 private:
  crypto::SigningKey key_;
  std::string key_id_;
};

class PrincipalVerifier final {
 public:
  struct TrustedKey {
    crypto::PublicKey key;
    KeyKind kind;
  };
  // Several keys of each kind may be trusted at once, so a key is rotated by
  // trusting the new one, then signing with it, then dropping the old one.
  explicit PrincipalVerifier(const std::vector<TrustedKey>& keys);
  // One key per line: "gateway <base64 public key>" or "service <base64>";
  // blank lines and lines starting with '#' are skipped.
  static absl::StatusOr<PrincipalVerifier> Parse(absl::string_view text);

  // UNAUTHENTICATED when missing, malformed, signed by an unknown key, forged,
  // altered, expired at `now`, or claiming more than its key may sign.
  // Tokens already verified are remembered (the gateway reuses one per caller
  // for minutes), so a busy caller costs one signature check, not one a call.
  absl::StatusOr<Caller> Verify(absl::string_view token, absl::Time now) const;

 private:
  absl::StatusOr<Caller> VerifySignature(absl::string_view token) const;

  absl::flat_hash_map<std::string, TrustedKey> keys_;  // By key id.
  struct Cache;
  std::shared_ptr<Cache> cache_;
};

// The line that trusts `key` as `kind` in a public keys file.
std::string PublicKeyLine(KeyKind kind, const crypto::PublicKey& key);

}  // namespace unionhub::auth

#endif  // UNIONHUB_LIBS_AUTH_PRINCIPAL_H_
