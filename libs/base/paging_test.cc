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

std::vector<std::string> FieldsOf(const Violations& v) {
  std::vector<std::string> fields;
  for (const FieldViolation& f : FieldViolations(v.Status()))
    fields.push_back(f.field);
  return fields;
}

TEST(PagingTest, APageRequestIsReadWithEveryProblemNamed) {
  Violations ok;
  PageRequest first = ReadPageRequest(ok, 0, "", 'm', 2);
  EXPECT_TRUE(ok.Status().ok());
  EXPECT_EQ(first.size, kDefaultPageSize);
  EXPECT_TRUE(first.after.empty());
  EXPECT_EQ(first.limit(), kDefaultPageSize + 1);

  PageRequest next = ReadPageRequest(
      ok, 10, EncodePageToken('m', {"张三", "0123456789abcdef"}), 'm', 2);
  EXPECT_TRUE(ok.Status().ok());
  EXPECT_EQ(next.size, 10);
  EXPECT_EQ(next.after, (std::vector<std::string>{"张三", "0123456789abcdef"}));

  Violations bad;
  ReadPageRequest(bad, -1, EncodePageToken('o', {"/x/"}), 'm', 2);
  EXPECT_EQ(FieldsOf(bad),
            (std::vector<std::string>{"page_size", "page_token"}));
}

}  // namespace
}  // namespace unionhub
