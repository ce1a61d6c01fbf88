// Resource ids: 16 lowercase hex digits from a cryptographic random source, so
// that ids reveal neither order nor count.
#ifndef UNIONHUB_LIBS_BASE_IDS_H_
#define UNIONHUB_LIBS_BASE_IDS_H_

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace unionhub {

std::string NewId();
bool IsValidId(absl::string_view id);
// OK, or INVALID_ARGUMENT naming `field` (also when empty).
absl::Status CheckId(absl::string_view field, absl::string_view id);

// Optimistic concurrency: every record carries an etag that changes with each
// write. OK when `given` is empty (the caller did not ask) or still `current`;
// ABORTED when the record changed since the caller read it.
absl::Status CheckEtag(absl::string_view given, absl::string_view current);

// Random bytes from OpenSSL's CSPRNG.
std::string RandomBytes(size_t n);

}  // namespace unionhub

#endif  // UNIONHUB_LIBS_BASE_IDS_H_
