#include "libs/testing/matchers.h"

#include "gtest/gtest.h"

namespace unionhub::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(MatchersTest, StatusIsComparesCodeAndMessage) {
  absl::StatusOr<int> missing = absl::NotFoundError("no such member");
  EXPECT_THAT(missing, StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(missing, Not(StatusIs(absl::StatusCode::kInternal)));
  EXPECT_THAT(missing.status(),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("member")));
  EXPECT_THAT(missing, Not(StatusIs(absl::StatusCode::kNotFound,
                                    HasSubstr("organisation"))));
  EXPECT_THAT(absl::StatusOr<int>(3), StatusIs(absl::StatusCode::kOk));
}

TEST(MatchersTest, IsOkAndHoldsLooksInsideOkResultsOnly) {
  EXPECT_THAT(absl::StatusOr<int>(3), IsOkAndHolds(3));
  EXPECT_THAT(absl::StatusOr<int>(3), Not(IsOkAndHolds(4)));
  EXPECT_THAT(absl::StatusOr<std::string>("three"),
              IsOkAndHolds(HasSubstr("hre")));
  EXPECT_THAT(absl::StatusOr<int>(absl::InternalError("0")),
              Not(IsOkAndHolds(0)));
}

TEST(MatchersTest, HasViolationNamesTheField) {
  Violations v;
  v.Add("member.name", "required");
  v.Add("member.id_number", "not a valid ID number");
  absl::Status bad = v.Status();
  EXPECT_THAT(bad, HasViolation("member.id_number"));
  EXPECT_THAT(bad, HasViolation("member.name"));
  EXPECT_THAT(bad, Not(HasViolation("member.phone")));
  // Another code never has violations, whatever its text says.
  EXPECT_THAT(absl::NotFoundError("member.id_number"),
              Not(HasViolation("member.id_number")));
  EXPECT_THAT(absl::StatusOr<int>(InvalidField("page_token", "stale")),
              HasViolation("page_token"));
}

}  // namespace
}  // namespace unionhub::testing
