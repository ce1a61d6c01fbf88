// gMock matchers for what every service's tests check (Debian's Abseil has no
// status matchers):
//   EXPECT_THAT(result, StatusIs(absl::StatusCode::kNotFound));
//   EXPECT_THAT(result, StatusIs(absl::StatusCode::kInvalidArgument,
//                                HasSubstr("ID number")));
//   EXPECT_THAT(result, HasViolation("member.id_number"));
// `result` is an absl::Status or any absl::StatusOr<T>.
#ifndef UNIONHUB_LIBS_TESTING_MATCHERS_H_
#define UNIONHUB_LIBS_TESTING_MATCHERS_H_

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "gmock/gmock.h"
#include "libs/base/errors.h"

namespace unionhub::testing {

inline const absl::Status& StatusOf(const absl::Status& status) {
  return status;
}
template <typename T>
const absl::Status& StatusOf(const absl::StatusOr<T>& result) {
  return result.status();
}

MATCHER_P(StatusIs, code,
          absl::StrCat(negation ? "is not " : "is ",
                       absl::StatusCodeToString(code))) {
  const absl::Status& status = StatusOf(arg);
  *result_listener << "which is " << status;
  return status.code() == code;
}

MATCHER_P2(StatusIs, code, message,
           absl::StrCat(negation ? "is not " : "is ",
                        absl::StatusCodeToString(code), " with a message that ",
                        ::testing::DescribeMatcher<std::string>(message))) {
  const absl::Status& status = StatusOf(arg);
  *result_listener << "which is " << status;
  return status.code() == code &&
         ::testing::Matches(message)(std::string(status.message()));
}

// An OK StatusOr whose value matches `value` (a matcher or a value).
MATCHER_P(
    IsOkAndHolds, value,
    absl::StrCat(
        negation ? "is not" : "is", " OK and holds a value that ",
        ::testing::DescribeMatcher<typename std::decay_t<arg_type>::value_type>(
            value))) {
  if (!arg.ok()) {
    *result_listener << "which is " << arg.status();
    return false;
  }
  return ::testing::ExplainMatchResult(value, *arg, result_listener);
}

// INVALID_ARGUMENT naming `field` among its field violations.
MATCHER_P(HasViolation, field,
          absl::StrCat(negation ? "has no" : "has a", " violation of field ",
                       field)) {
  const absl::Status& status = StatusOf(arg);
  std::vector<std::string> fields;
  for (const FieldViolation& v : FieldViolations(status))
    fields.push_back(v.field);
  *result_listener << "which is " << status << " naming fields ["
                   << absl::StrJoin(fields, ", ") << "]";
  return status.code() == absl::StatusCode::kInvalidArgument &&
         std::find(fields.begin(), fields.end(), std::string(field)) !=
             fields.end();
}

}  // namespace unionhub::testing

#endif  // UNIONHUB_LIBS_TESTING_MATCHERS_H_
