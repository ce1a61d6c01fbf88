// 居民身份证号码 (GB 11643-1999): 6-digit region, 8-digit birth date, 3-digit
// sequence (odd for men, even for women), and a check character over the
// first 17.
#ifndef UNIONHUB_SERVICES_MEMBERSHIP_ID_NUMBER_H_
#define UNIONHUB_SERVICES_MEMBERSHIP_ID_NUMBER_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "services/membership/domain.h"

namespace unionhub::membership {

struct IdNumber {
  std::string normalized;  // 18 characters, a final 'x' upper-cased.
  absl::CivilDay birth_date;
  Sex sex;
};

// The check character GB 11643 gives for the first 17 digits.
char IdNumberCheckCharacter(absl::string_view first17);

// Parses and validates; INVALID_ARGUMENT naming `field` says which rule failed.
// The birth date must be a real date from 1900 on and not after `today`.
absl::StatusOr<IdNumber> ParseIdNumber(absl::string_view field,
                                       absl::string_view text,
                                       absl::CivilDay today);

// 110101********1234: region and last four, for roles that may not see personal
// data.
std::string MaskIdNumber(absl::string_view id_number);
// 138****5678.
std::string MaskPhone(absl::string_view phone);
// OK for an empty phone or a mainland mobile number (11 digits, 1[3-9]...).
absl::Status CheckPhone(absl::string_view field, absl::string_view phone);

// 统一社会信用代码 (GB 32100-2015): 18 characters from 0-9 and A-Y without I,
// O, S, V, Z, the last a check character. OK for an empty code (it is
// optional).
absl::Status CheckCreditCode(absl::string_view field, absl::string_view code);
// The check character for the first 17 characters (which must be valid).
char CreditCodeCheckCharacter(absl::string_view first17);

}  // namespace unionhub::membership

#endif  // UNIONHUB_SERVICES_MEMBERSHIP_ID_NUMBER_H_
