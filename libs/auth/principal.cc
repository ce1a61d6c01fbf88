#include "libs/auth/principal.h"

#include <optional>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/synchronization/mutex.h"
#include "libs/base/ids.h"
#include "unionhub/auth/v1/principal.pb.h"

namespace unionhub::auth {
namespace {

constexpr absl::string_view kDomain = "unionhub principal v2.";

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

Caller ServiceCaller(absl::string_view key_id,
                     absl::string_view organisation_id,
                     absl::string_view organisation_path) {
  Caller c;
  c.key_id = std::string(key_id);
  c.organisation_id = std::string(organisation_id);
  c.organisation_path = std::string(organisation_path);
  c.role = Role::kService;
  return c;
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

std::string PrincipalSigner::Sign(const Caller& caller) const {
  v1::Principal p;
  p.set_key_id(caller.key_id);
  p.set_organisation_id(caller.organisation_id);
  p.set_organisation_path(caller.organisation_path);
  p.set_role(static_cast<v1::Role>(caller.role));
  p.set_expire_unix_seconds(absl::ToUnixSeconds(caller.expires));
  std::string signed_part = absl::StrCat(
      key_id_, ".", absl::WebSafeBase64Escape(p.SerializeAsString()));
  std::string signature = key_.Sign(absl::StrCat(kDomain, signed_part));
  return absl::StrCat(signed_part, ".", absl::WebSafeBase64Escape(signature));
}

struct PrincipalVerifier::Cache {
  static constexpr size_t kMaxEntries = 10000;  // Emptied when full.
  absl::Mutex mu;
  absl::flat_hash_map<std::string, Caller> verified ABSL_GUARDED_BY(mu);
};

PrincipalVerifier::PrincipalVerifier(const std::vector<TrustedKey>& keys)
    : cache_(std::make_shared<Cache>()) {
  for (const TrustedKey& k : keys) keys_.emplace(k.key.Id(), k);
}

absl::StatusOr<PrincipalVerifier> PrincipalVerifier::Parse(
    absl::string_view text) {
  std::vector<TrustedKey> keys;
  int line_number = 0;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    ++line_number;
    line = absl::StripAsciiWhitespace(line);
    if (line.empty() || line[0] == '#') continue;
    std::vector<absl::string_view> words =
        absl::StrSplit(line, absl::ByAnyChar(" \t"), absl::SkipEmpty());
    auto bad = [&](absl::string_view why) {
      return absl::InvalidArgumentError(
          absl::StrCat("public keys, line ", line_number, ": ", why));
    };
    if (words.size() != 2)
      return bad("expected \"gateway|service <base64 Ed25519 public key>\"");
    KeyKind kind;
    if (words[0] == "gateway") {
      kind = KeyKind::kGateway;
    } else if (words[0] == "service") {
      kind = KeyKind::kService;
    } else {
      return bad(absl::StrCat("unknown kind \"", words[0], "\""));
    }
    absl::StatusOr<crypto::PublicKey> key =
        crypto::PublicKey::FromBase64(words[1]);
    if (!key.ok()) return bad(key.status().message());
    keys.push_back({*std::move(key), kind});
  }
  if (keys.empty())
    return absl::InvalidArgumentError("public keys: no key is trusted");
  return PrincipalVerifier(keys);
}

std::string PublicKeyLine(KeyKind kind, const crypto::PublicKey& key) {
  return absl::StrCat(kind == KeyKind::kGateway ? "gateway " : "service ",
                      key.Base64());
}

absl::StatusOr<Caller> PrincipalVerifier::Verify(absl::string_view token,
                                                 absl::Time now) const {
  if (token.empty())
    return Refused("missing (calls must come through the gateway)");
  std::optional<Caller> known;
  {
    absl::ReaderMutexLock lock(&cache_->mu);
    auto it = cache_->verified.find(token);
    if (it != cache_->verified.end()) known = it->second;
  }
  if (!known) {
    absl::StatusOr<Caller> verified = VerifySignature(token);
    if (!verified.ok()) return verified.status();
    known = *verified;
    absl::MutexLock lock(&cache_->mu);
    if (cache_->verified.size() >= Cache::kMaxEntries) cache_->verified.clear();
    cache_->verified.emplace(token, *verified);
  }
  if (known->expires <= now) return Refused("expired");
  return *std::move(known);
}

absl::StatusOr<Caller> PrincipalVerifier::VerifySignature(
    absl::string_view token) const {
  std::vector<absl::string_view> parts = absl::StrSplit(token, '.');
  if (parts.size() != 3) return Refused("malformed");
  auto key = keys_.find(parts[0]);
  if (key == keys_.end()) {
    return Refused(absl::StrCat("signed by key ", parts[0].substr(0, 32),
                                ", which is not trusted"));
  }
  std::string signature;
  if (!absl::WebSafeBase64Unescape(parts[2], &signature))
    return Refused("malformed");
  absl::string_view signed_part =
      token.substr(0, parts[0].size() + 1 + parts[1].size());
  if (!key->second.key.Verify(absl::StrCat(kDomain, signed_part), signature))
    return Refused("bad signature");
  std::string bytes;
  v1::Principal p;
  if (!absl::WebSafeBase64Unescape(parts[1], &bytes) ||
      !p.ParseFromString(bytes)) {
    return Refused("malformed");
  }
  Caller c;
  c.key_id = p.key_id();
  c.organisation_id = p.organisation_id();
  c.organisation_path = p.organisation_path();
  c.role = static_cast<Role>(p.role());
  c.expires = absl::FromUnixSeconds(p.expire_unix_seconds());
  // An open enum: any number decodes, but only ours are roles.
  if (c.role == Role::kUnspecified || !v1::Role_IsValid(p.role())) {
    return Refused("no role");
  }
  if (key->second.kind == KeyKind::kService && c.role != Role::kService) {
    return Refused("a service's key signs only service principals");
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
