#include "libs/base/money.h"

#include <limits>

#include "gtest/gtest.h"

namespace unionhub {
namespace {

TEST(MoneyTest, ShowsFenAsYuan) {
  EXPECT_EQ(FormatYuan(160000), "1600.00 yuan");
  EXPECT_EQ(FormatYuan(5), "0.05 yuan");
  EXPECT_EQ(FormatYuan(0), "0.00 yuan");
  EXPECT_EQ(FormatYuan(-1050), "-10.50 yuan");
  EXPECT_EQ(FormatYuan(std::numeric_limits<int64_t>::min()),
            "-92233720368547758.08 yuan");
}

}  // namespace
}  // namespace unionhub
