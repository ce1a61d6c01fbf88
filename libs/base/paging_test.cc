#include "libs/base/paging.h"

#include "gtest/gtest.h"

namespace unionhub {
namespace {

TEST(PagingTest, SizesDefaultCapAndRefuseNegative) {
  EXPECT_EQ(*PageSize(0), kDefaultPageSize);
  EXPECT_EQ(*PageSize(7), 7);
  EXPECT_EQ(*PageSize(100000), kMaxPageSize);
  EXPECT_EQ(PageSize(-1).status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(PagingTest, TokensRoundTripAndAreTiedToTheirList) {
  std::string token = EncodePageToken('m', {"张三", "0123456789abcdef"});
  auto parts = DecodePageToken('m', token, 2);
  ASSERT_TRUE(parts.ok());
  EXPECT_EQ((*parts)[0], "张三");
  EXPECT_EQ((*parts)[1], "0123456789abcdef");
  EXPECT_FALSE(DecodePageToken('o', token, 2).ok());  // Another list's token.
  EXPECT_FALSE(DecodePageToken('m', token, 1).ok());
  EXPECT_FALSE(DecodePageToken('m', "!!!", 2).ok());
  EXPECT_FALSE(DecodePageToken('m', "", 2).ok());
}

}  // namespace
}  // namespace unionhub
