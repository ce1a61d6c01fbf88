#include "libs/base/ids.h"

#include <openssl/rand.h>

#include <stdexcept>

#include "absl/strings/escaping.h"
#include "libs/base/errors.h"

namespace unionhub {

std::string RandomBytes(size_t n) {
  std::string out(n, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(out.data()), n) != 1) {
    throw std::runtime_error(
        "RAND_bytes failed");  // The process cannot go on safely.
  }
  return out;
}

std::string NewId() { return absl::BytesToHexString(RandomBytes(8)); }

bool IsValidId(absl::string_view id) {
  if (id.size() != 16) return false;
  for (char c : id) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

absl::Status CheckId(absl::string_view field, absl::string_view id) {
  if (id.empty()) return InvalidField(field, "is required");
  if (!IsValidId(id))
    return InvalidField(field, "is not a valid id (16 hex digits)");
  return absl::OkStatus();
}

}  // namespace unionhub
