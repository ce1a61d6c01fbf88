#include "libs/base/text.h"

#include "gtest/gtest.h"

namespace unionhub {
namespace {

TEST(TextTest, CountsCodePoints) {
  EXPECT_EQ(Utf8Length("abc"), 3);
  EXPECT_EQ(Utf8Length("工会"), 2);
  EXPECT_EQ(Utf8Length("\xF0\x9F\x98\x80"), 1);
}

TEST(TextTest, RejectsInvalidUtf8) {
  EXPECT_EQ(Utf8Length("\xC3"), -1);          // Truncated.
  EXPECT_EQ(Utf8Length("\xC0\xAF"), -1);      // Overlong.
  EXPECT_EQ(Utf8Length("\xED\xA0\x80"), -1);  // Surrogate.
  EXPECT_EQ(Utf8Length("\xB9\xA4"), -1);      // GBK bytes of 工.
}

TEST(TextTest, ChecksLengthBlanknessAndControls) {
  EXPECT_TRUE(CheckText("f", "张三", 2, Required::kYes).ok());
  EXPECT_EQ(CheckText("f", "张三丰", 2, Required::kYes).code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_FALSE(CheckText("f", "  ", 10, Required::kYes).ok());
  EXPECT_TRUE(CheckText("f", "", 10, Required::kNo).ok());
  EXPECT_FALSE(CheckText("f", "a\x01", 10, Required::kNo).ok());
  EXPECT_FALSE(CheckText("f", "a\nb", 10, Required::kNo).ok());
  EXPECT_TRUE(
      CheckText("f", "a\nb", 10, Required::kNo, /*multiline=*/true).ok());
  EXPECT_FALSE(CheckText("f", "\xC3", 10, Required::kNo).ok());
}

}  // namespace
}  // namespace unionhub
