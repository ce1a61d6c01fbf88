#include "libs/base/errors.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "libs/base/ids.h"

namespace unionhub {
namespace {

using ::testing::ElementsAre;
using ::testing::Field;

TEST(ErrorsTest, InvalidFieldCarriesTheViolation) {
  absl::Status s = InvalidField("member.name", "is required");
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(s.message(), "member.name: is required");
  EXPECT_THAT(FieldViolations(s),
              ElementsAre(Field(&FieldViolation::field, "member.name")));
}

TEST(ErrorsTest, ViolationsCollectsAllFields) {
  Violations v;
  EXPECT_TRUE(v.Status().ok());
  v.Add("a", "bad");
  v.Merge("b", InvalidField("b.c", "worse"));
  v.Merge("d", absl::InvalidArgumentError("plain"));
  v.Merge("e", absl::OkStatus());
  auto found = FieldViolations(v.Status());
  ASSERT_EQ(found.size(), 3u);
  EXPECT_EQ(found[1].field, "b.c");
  EXPECT_EQ(found[2].field, "d");
  EXPECT_EQ(found[2].description, "plain");
}

TEST(ErrorsTest, OtherErrorsWinOverViolations) {
  Violations v;
  v.Add("a", "bad");
  v.Merge("x", absl::NotFoundError("gone"));
  EXPECT_EQ(v.Status().code(), absl::StatusCode::kNotFound);
}

TEST(ErrorsTest, StaleEtagsAreAborted) {
  EXPECT_TRUE(CheckEtag("", "e2").ok());  // The caller did not ask.
  EXPECT_TRUE(CheckEtag("e2", "e2").ok());
  EXPECT_EQ(CheckEtag("e1", "e2").code(), absl::StatusCode::kAborted);
}

TEST(ErrorsTest, StorageMarkerSurvivesCopies) {
  absl::Status s = MarkStorageError(absl::InternalError("secret table name"));
  absl::Status copy = s;
  EXPECT_TRUE(IsStorageError(copy));
  EXPECT_FALSE(IsStorageError(absl::InternalError("x")));
}

}  // namespace
}  // namespace unionhub
