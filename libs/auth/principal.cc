#include "libs/auth/principal.h"

#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "libs/base/ids.h"
#include "libs/crypto/crypto.h"
#include "unionhub/auth/v1/principal.pb.h"

namespace unionhub::auth {
namespace {

constexpr absl::string_view kDomain = "unionhub principal v1.";

absl::Status Refused(absl::string_view why) {
  return absl::UnauthenticatedError(absl::StrCat("principal refused: ", why));
}

// "/a/b/c/": non-empty, ids only, ending in `last`.
bool WellFormedPath(absl::string_view path, absl::string_view last) {
  if (!absl::StartsWith(path, "/") || !absl::EndsWith(path, "/")) return false;
  std::vector<absl::string_view> parts =
      absl::StrSplit(path.substr(1, path.size() - 2), '/');
  for (absl::string_view p : parts) {
    if (!IsValidId(p)) return false;
  }
  return !parts.empty() && parts.back() == last;
}

}  // namespace

bool Caller::Covers(absl::string_view path) const {
  return !organisation_path.empty() &&
         absl::StartsWith(path, organisation_path);
}

bool Caller::MaySeePersonalData() const {
  return role == Role::kUnionAdmin || role == Role::kFederationAdmin;
}

bool Caller::MayWrite() const {
  return role == Role::kUnionAdmin || role == Role::kFederationAdmin;
}

std::string RoleName(Role role) {
  switch (role) {
    case Role::kViewer:
      return "viewer";
    case Role::kUnionAdmin:
      return "union_admin";
    case Role::kFederationAdmin:
      return "federation_admin";
    case Role::kService:
      return "service";
    default:
      return "none";
  }
}

absl::StatusOr<PrincipalSigner> PrincipalSigner::Create(std::string secret) {
  if (secret.size() < 32) {
    return absl::InvalidArgumentError(
        "the principal secret must be at least 32 bytes");
  }
  return PrincipalSigner(std::move(secret));
}

std::string PrincipalSigner::Sign(const Caller& caller) const {
  v1::Principal p;
  p.set_key_id(caller.key_id);
  p.set_organisation_id(caller.organisation_id);
  p.set_organisation_path(caller.organisation_path);
  p.set_role(static_cast<v1::Role>(caller.role));
  p.set_expire_unix_seconds(absl::ToUnixSeconds(caller.expires));
  std::string payload = absl::WebSafeBase64Escape(p.SerializeAsString());
  std::string mac = mac_.Mac(absl::StrCat(kDomain, payload));
  return absl::StrCat(payload, ".", absl::WebSafeBase64Escape(mac));
}

absl::StatusOr<Caller> PrincipalSigner::Verify(absl::string_view token,
                                               absl::Time now) const {
  if (token.empty())
    return Refused("missing (calls must come through the gateway)");
  std::pair<absl::string_view, absl::string_view> parts =
      absl::StrSplit(token, absl::MaxSplits('.', 1));
  std::string mac;
  if (!absl::WebSafeBase64Unescape(parts.second, &mac))
    return Refused("malformed");
  std::string expected =
      mac_.Mac(absl::StrCat(kDomain, parts.first));
  if (!crypto::ConstantTimeEquals(mac, expected))
    return Refused("bad signature");
  std::string bytes;
  v1::Principal p;
  if (!absl::WebSafeBase64Unescape(parts.first, &bytes) ||
      !p.ParseFromString(bytes)) {
    return Refused("malformed");
  }
  Caller c;
  c.key_id = p.key_id();
  c.organisation_id = p.organisation_id();
  c.organisation_path = p.organisation_path();
  c.role = static_cast<Role>(p.role());
  c.expires = absl::FromUnixSeconds(p.expire_unix_seconds());
  if (c.expires <= now) return Refused("expired");
  // An open enum: any number decodes, but only ours are roles.
  if (c.role == Role::kUnspecified || !v1::Role_IsValid(p.role())) {
    return Refused("no role");
  }
  // Another service may act for no organisation (e.g. to ask which is the
  // root); it then covers nothing.
  bool unbound_service = c.role == Role::kService &&
                         c.organisation_id.empty() &&
                         c.organisation_path.empty();
  if (!unbound_service &&
      !WellFormedPath(c.organisation_path, c.organisation_id)) {
    return Refused("bad organisation path");
  }
  return c;
}

}  // namespace unionhub::auth
