// libFuzzer target: the roster reader on any bytes, split into any chunks.
// Input: byte 0 picks the encoding and byte 1 the chunk size; the rest is the
// file. Beyond "no crash, no leak, no undefined behaviour" it checks that the
// rows do not depend on where the chunks split (they arrive from the network
// in any sizes) and that every error quotes only valid UTF-8 (it goes into a
// protobuf string that clients must decode).
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "google/protobuf/stubs/common.h"
#include "services/membership/roster.h"

namespace unionhub::membership {
namespace {

// Everything a row carries, as one comparable string; "" when a whole-file
// error stopped the reading.
std::string ReadAll(RosterEncoding encoding, absl::string_view file,
                    size_t chunk) {
  RosterReader reader(encoding, "00000000000000a1");
  for (size_t at = 0; at < file.size(); at += chunk) {
    absl::Status fed = reader.Feed(file.substr(at, chunk));
    if (!fed.ok()) return absl::StrCat("file error: ", fed.message());
  }
  absl::Status finished = reader.Finish();
  if (!finished.ok()) return absl::StrCat("file error: ", finished.message());
  std::string out;
  for (const RosterRow& r : reader.rows()) {
    const NewMember& m = r.member;
    absl::StrAppend(&out, r.row, r.unread ? " unread|" : "|", m.organisation_id,
                    "|", m.name, "|", m.id_number, "|", m.phone, "|",
                    static_cast<int>(m.sex), "|",
                    static_cast<int>(m.employment_type), "|", m.join_date, "|");
    for (const FieldViolation& v : r.errors) {
      absl::StrAppend(&out, v.field, ": ", v.description, ";");
    }
    out += "\n";
  }
  return out;
}

void Fail(const char* what, const std::string& a, const std::string& b) {
  std::fprintf(stderr, "%s\n--- one chunk:\n%s\n--- split:\n%s\n", what,
               a.c_str(), b.c_str());
  std::abort();
}

}  // namespace
}  // namespace unionhub::membership

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace unionhub::membership;
  if (size < 2) return 0;
  const RosterEncoding kEncodings[] = {
      RosterEncoding::kDetect, RosterEncoding::kUtf8, RosterEncoding::kGbk};
  RosterEncoding encoding = kEncodings[data[0] % 3];
  size_t chunk = 1 + data[1] % 64;
  absl::string_view file(reinterpret_cast<const char*>(data) + 2, size - 2);

  std::string whole = ReadAll(encoding, file, file.size() + 1);
  std::string split = ReadAll(encoding, file, chunk);
  if (whole != split) Fail("rows depend on the chunk size", whole, split);
  if (!google::protobuf::internal::IsStructurallyValidUTF8(whole)) {
    Fail("invalid UTF-8 in rows or errors", whole, split);
  }
  return 0;
}
