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
#include "libs/crypto/crypto.h"

namespace {

using unionhub::auth::Caller;
using unionhub::auth::PrincipalSigner;
using unionhub::auth::Role;

constexpr char kSecret[] = "fuzz-secret-fuzz-secret-fuzz-secret!";
const absl::Time kNow = absl::FromUnixSeconds(1790000000);

const PrincipalSigner& Signer() {
  static const auto* signer =
      new PrincipalSigner(*PrincipalSigner::Create(kSecret));
  return *signer;
}

[[noreturn]] void Fail(const std::string& what) {
  std::fprintf(stderr, "%s\n", what.c_str());
  std::abort();
}

// The token the gateway would send for `payload`, signed as principal.cc
// signs.
std::string SignedToken(absl::string_view payload) {
  std::string encoded = absl::WebSafeBase64Escape(payload);
  std::string mac = unionhub::crypto::HmacSha256(
      kSecret, absl::StrCat("unionhub principal v1.", encoded));
  return absl::StrCat(encoded, ".", absl::WebSafeBase64Escape(mac));
}

// Without this, a change of the signing would leave the fuzzer refused at
// the signature, finding nothing and saying nothing.
void CheckSignedTokenIsCurrent() {
  Caller c;
  c.key_id = "k";
  c.role = Role::kService;
  c.expires = kNow + absl::Hours(1);
  std::string token = Signer().Sign(c);
  std::string payload;
  absl::WebSafeBase64Unescape(token.substr(0, token.find('.')), &payload);
  if (SignedToken(payload) != token)
    Fail("principal_fuzz signs differently from principal.cc: update it");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const bool checked = (CheckSignedTokenIsCurrent(), true);
  (void)checked;
  absl::string_view bytes(reinterpret_cast<const char*>(data), size);

  // Nobody without the secret gets in.
  if (Signer().Verify(bytes, kNow).ok()) Fail("an unsigned token was accepted");

  absl::StatusOr<Caller> caller = Signer().Verify(SignedToken(bytes), kNow);
  if (!caller.ok()) return 0;

  if (caller->role != Role::kViewer && caller->role != Role::kUnionAdmin &&
      caller->role != Role::kFederationAdmin && caller->role != Role::kService)
    Fail(absl::StrCat("accepted role number ", static_cast<int>(caller->role)));
  if (caller->expires <= kNow) Fail("accepted an expired principal");
  absl::StatusOr<Caller> again = Signer().Verify(Signer().Sign(*caller), kNow);
  if (!again.ok())
    Fail("a re-signed caller is refused: " + again.status().ToString());
  if (again->key_id != caller->key_id ||
      again->organisation_id != caller->organisation_id ||
      again->organisation_path != caller->organisation_path ||
      again->role != caller->role || again->expires != caller->expires)
    Fail("a re-signed caller is another caller");
  return 0;
}
