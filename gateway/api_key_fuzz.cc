// libFuzzer target: the `authorization` header as any client may send it,
// through the parsers every unauthenticated request reaches. Beyond "no
// crash, no undefined behaviour": a key id found is always 16 hex digits,
// and a secret made for it is read back to the same id.
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "absl/strings/ascii.h"
#include "gateway/api_key.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace unionhub::gateway;
  absl::string_view header(reinterpret_cast<const char*>(data), size);
  absl::StatusOr<absl::string_view> secret = BearerSecret(header);
  // Also the bytes as a bare secret: the parser must not rely on the prefix.
  for (absl::string_view s : {secret.ok() ? *secret : header, header}) {
    absl::StatusOr<std::string> id = KeyIdOfSecret(s);
    if (!id.ok()) continue;
    bool hex = id->size() == 16;
    for (char c : *id) hex = hex && absl::ascii_isxdigit(c);
    if (!hex) {
      std::fprintf(stderr, "key id '%s' is not 16 hex digits\n", id->c_str());
      std::abort();
    }
    absl::StatusOr<std::string> again = KeyIdOfSecret(NewSecret(*id));
    if (!again.ok() || *again != *id) {
      std::fprintf(stderr, "a new secret for %s does not read back\n",
                   id->c_str());
      std::abort();
    }
    SecretMatches(s, HashSecret(s));
  }
  return 0;
}
