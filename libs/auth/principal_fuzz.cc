// libFuzzer target: the principal every service decodes before anything else.
// The bytes are tried twice: as a token on the wire (which a forger cannot
// sign, so it must be refused), and as the signed payload, so the fuzzer
// reaches the decoding behind the signature check. What is accepted must be
// a caller the gateway could have signed: a known role, a well-formed path,
// and the same caller after signing it again.
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "libs/auth/principal.h"
#include "libs/crypto/signing.h"

namespace {

using unionhub::auth::Caller;
using unionhub::auth::KeyKind;
using unionhub::auth::PrincipalSigner;
using unionhub::auth::PrincipalVerifier;
using unionhub::auth::Role;
using unionhub::crypto::SigningKey;

constexpr char kSeed[] = "fuzz-seed-fuzz-seed-fuzz-seed-32";
const absl::Time kNow = absl::FromUnixSeconds(1790000000);

const SigningKey& Key() {
  static const auto* key = new SigningKey(*SigningKey::FromSeed(kSeed));
  return *key;
}

const PrincipalSigner& Signer() {
  static const auto* signer = new PrincipalSigner(Key());
  return *signer;
}

const PrincipalVerifier& Verifier() {
  static const auto* verifier =
      new PrincipalVerifier({{Key().public_key(), KeyKind::kGateway}});
  return *verifier;
}

[[noreturn]] void Fail(const std::string& what) {
  std::fprintf(stderr, "%s\n", what.c_str());
  std::abort();
}

// The token the gateway would send for `payload`, signed as principal.cc
// signs.
std::string SignedToken(absl::string_view payload) {
  std::string signed_part = absl::StrCat(Key().public_key().Id(), ".",
                                         absl::WebSafeBase64Escape(payload));
  std::string signature =
      Key().Sign(absl::StrCat("unionhub principal v2.", signed_part));
  return absl::StrCat(signed_part, ".", absl::WebSafeBase64Escape(signature));
}

// Without this, a change of the signing would leave the fuzzer refused at
// the signature, finding nothing and saying nothing.
void CheckSignedTokenIsCurrent() {
  Caller c;
  c.key_id = "k";
  c.role = Role::kService;
  c.expires = kNow + absl::Hours(1);
  std::string token = Signer().Sign(c);
  size_t first = token.find('.'), last = token.rfind('.');
  std::string payload;
  absl::WebSafeBase64Unescape(token.substr(first + 1, last - first - 1),
                              &payload);
  if (SignedToken(payload) != token)
    Fail("principal_fuzz signs differently from principal.cc: update it");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const bool checked = (CheckSignedTokenIsCurrent(), true);
  (void)checked;
  absl::string_view bytes(reinterpret_cast<const char*>(data), size);

  // Nobody without the private key gets in.
  if (Verifier().Verify(bytes, kNow).ok())
    Fail("an unsigned token was accepted");

  absl::StatusOr<Caller> caller = Verifier().Verify(SignedToken(bytes), kNow);
  if (!caller.ok()) return 0;

  if (caller->role != Role::kViewer && caller->role != Role::kUnionAdmin &&
      caller->role != Role::kFederationAdmin && caller->role != Role::kService)
    Fail(absl::StrCat("accepted role number ", static_cast<int>(caller->role)));
  if (caller->expires <= kNow) Fail("accepted an expired principal");
  absl::StatusOr<Caller> again =
      Verifier().Verify(Signer().Sign(*caller), kNow);
  if (!again.ok())
    Fail("a re-signed caller is refused: " + again.status().ToString());
  if (again->key_id != caller->key_id ||
      again->organisation_id != caller->organisation_id ||
      again->organisation_path != caller->organisation_path ||
      again->role != caller->role || again->expires != caller->expires)
    Fail("a re-signed caller is another caller");
  return 0;
}
