#include "services/membership/id_number.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "libs/base/errors.h"

namespace unionhub::membership {

char IdNumberCheckCharacter(absl::string_view first17) {
  static constexpr int kWeights[17] = {7, 9, 10, 5,  8, 4, 2, 1, 6,
                                       3, 7, 9,  10, 5, 8, 4, 2};
  static constexpr char kCheck[] = "10X98765432";
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (first17[i] - '0') * kWeights[i];
  return kCheck[sum % 11];
}

absl::StatusOr<IdNumber> ParseIdNumber(absl::string_view field,
                                       absl::string_view text,
                                       absl::CivilDay today) {
  if (text.empty()) return InvalidField(field, "is required");
  if (text.size() != 18) return InvalidField(field, "must be 18 characters");
  std::string id(text);
  if (id[17] == 'x') id[17] = 'X';
  for (int i = 0; i < 17; ++i) {
    if (!absl::ascii_isdigit(id[i])) {
      return InvalidField(field, "the first 17 characters must be digits");
    }
  }
  if (!absl::ascii_isdigit(id[17]) && id[17] != 'X') {
    return InvalidField(field, "the last character must be a digit or X");
  }
  if (id[0] == '0' || id[0] == '9') {
    return InvalidField(field, "does not start with a known region code");
  }
  if (IdNumberCheckCharacter(id) != id[17]) {
    return InvalidField(field,
                        "check digit is wrong (GB 11643); please re-check it");
  }
  int y = std::stoi(id.substr(6, 4)), m = std::stoi(id.substr(10, 2)),
      d = std::stoi(id.substr(12, 2));
  absl::CivilDay birth(y, m, d);
  if (birth.year() != y || birth.month() != m || birth.day() != d || y < 1900) {
    return InvalidField(field, "holds no real birth date");
  }
  if (birth > today)
    return InvalidField(field, "holds a birth date in the future");
  return IdNumber{id, birth,
                  (id[16] - '0') % 2 == 1 ? Sex::kMale : Sex::kFemale};
}

std::string MaskIdNumber(absl::string_view id) {
  if (id.size() != 18) return std::string(id.size(), '*');
  return absl::StrCat(id.substr(0, 6), "********", id.substr(14));
}

std::string MaskPhone(absl::string_view phone) {
  if (phone.size() != 11) return std::string(phone.size(), '*');
  return absl::StrCat(phone.substr(0, 3), "****", phone.substr(7));
}

absl::Status CheckPhone(absl::string_view field, absl::string_view phone) {
  if (phone.empty()) return absl::OkStatus();
  bool ok = phone.size() == 11 && phone[0] == '1' && phone[1] >= '3';
  for (char c : phone) ok = ok && absl::ascii_isdigit(c);
  if (!ok) return InvalidField(field, "must be an 11-digit mobile number");
  return absl::OkStatus();
}

namespace {
constexpr absl::string_view kCreditCodeAlphabet =
    "0123456789ABCDEFGHJKLMNPQRTUWXY";
}  // namespace

char CreditCodeCheckCharacter(absl::string_view first17) {
  static constexpr int kWeights[17] = {1,  3,  9,  27, 19, 26, 16, 17, 20,
                                       29, 25, 13, 8,  24, 10, 30, 28};
  int sum = 0;
  for (int i = 0; i < 17; ++i) {
    sum += static_cast<int>(kCreditCodeAlphabet.find(first17[i])) * kWeights[i];
  }
  return kCreditCodeAlphabet[(31 - sum % 31) % 31];
}

absl::Status CheckCreditCode(absl::string_view field, absl::string_view code) {
  if (code.empty()) return absl::OkStatus();
  if (code.size() != 18) return InvalidField(field, "must be 18 characters");
  for (char c : code) {
    if (kCreditCodeAlphabet.find(c) == absl::string_view::npos) {
      return InvalidField(
          field,
          "may hold only digits and capital letters other than I, O, S, "
          "V and Z");
    }
  }
  if (CreditCodeCheckCharacter(code) != code[17]) {
    return InvalidField(
        field, "check character is wrong (GB 32100); please re-check it");
  }
  return absl::OkStatus();
}

}  // namespace unionhub::membership
