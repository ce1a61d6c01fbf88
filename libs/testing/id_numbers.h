// Valid 居民身份证号码 for tests: a Beijing area code, a birth date and a
// sequence number, with the check character of GB 11643 (ISO 7064 MOD 11-2)
// computed here, apart from the code under test.
#ifndef UNIONHUB_LIBS_TESTING_ID_NUMBERS_H_
#define UNIONHUB_LIBS_TESTING_ID_NUMBERS_H_

#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/string_view.h"

namespace unionhub::testing {

// The 18th character for the first 17 digits.
inline char IdNumberCheck(absl::string_view first17) {
  static constexpr int kWeights[17] = {7, 9, 10, 5,  8, 4, 2, 1, 6,
                                       3, 7, 9,  10, 5, 8, 4, 2};
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (first17[i] - '0') * kWeights[i];
  return "10X98765432"[sum % 11];
}

// A valid ID number of someone born on `birth` (YYYYMMDD); `seq` (0..999)
// tells people apart.
inline std::string MakeIdNumber(int seq, absl::string_view birth = "19850312") {
  std::string first17 =
      absl::StrCat("110105", birth, absl::StrFormat("%03d", seq % 1000));
  return first17 + IdNumberCheck(first17);
}

}  // namespace unionhub::testing

#endif  // UNIONHUB_LIBS_TESTING_ID_NUMBERS_H_
