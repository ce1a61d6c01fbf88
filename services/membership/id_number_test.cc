#include "services/membership/id_number.h"

#include "gtest/gtest.h"

namespace unionhub::membership {
namespace {

const absl::CivilDay kToday(2026, 11, 21);

// The example of GB 11643-1999 itself: 11010519491231002X.
TEST(IdNumberTest, AcceptsTheStandardsExample) {
  auto id = ParseIdNumber("id", "11010519491231002x", kToday);
  ASSERT_TRUE(id.ok()) << id.status();
  EXPECT_EQ(id->normalized, "11010519491231002X");
  EXPECT_EQ(id->birth_date, absl::CivilDay(1949, 12, 31));
  EXPECT_EQ(id->sex, Sex::kFemale);  // 17th digit 2: even.
}

TEST(IdNumberTest, DerivesSexFromSeventeenthDigit) {
  std::string first17 = "44030419900101001";  // 17th digit 1: odd, male.
  auto id =
      ParseIdNumber("id", first17 + IdNumberCheckCharacter(first17), kToday);
  ASSERT_TRUE(id.ok()) << id.status();
  EXPECT_EQ(id->sex, Sex::kMale);
}

TEST(IdNumberTest, RefusesEveryBrokenRule) {
  std::string good = "11010519491231002X";
  EXPECT_FALSE(ParseIdNumber("id", "", kToday).ok());
  EXPECT_FALSE(ParseIdNumber("id", good.substr(0, 17), kToday).ok());
  EXPECT_FALSE(ParseIdNumber("id", "11010519491231002Y", kToday).ok());
  EXPECT_FALSE(
      ParseIdNumber("id", "110105194912310021", kToday).ok());  // Check digit.
  EXPECT_FALSE(ParseIdNumber("id", "1101051949123100AX", kToday).ok());
  std::string feb30 = "11010519900230001";
  EXPECT_FALSE(
      ParseIdNumber("id", feb30 + IdNumberCheckCharacter(feb30), kToday).ok());
  std::string future = "11010520300101001";
  EXPECT_FALSE(
      ParseIdNumber("id", future + IdNumberCheckCharacter(future), kToday)
          .ok());
  std::string region0 = "01010519900101001";
  EXPECT_FALSE(
      ParseIdNumber("id", region0 + IdNumberCheckCharacter(region0), kToday)
          .ok());
}

TEST(IdNumberTest, Masks) {
  EXPECT_EQ(MaskIdNumber("11010519491231002X"), "110105********002X");
  EXPECT_EQ(MaskPhone("13812345678"), "138****5678");
}

TEST(IdNumberTest, ChecksPhones) {
  EXPECT_TRUE(CheckPhone("p", "").ok());
  EXPECT_TRUE(CheckPhone("p", "13812345678").ok());
  EXPECT_FALSE(CheckPhone("p", "1381234567").ok());
  EXPECT_FALSE(CheckPhone("p", "12812345678").ok());
  EXPECT_FALSE(CheckPhone("p", "1381234567a").ok());
}

TEST(CreditCodeTest, ChecksTheGb32100CheckCharacter) {
  // A code as printed on business licences.
  EXPECT_TRUE(CheckCreditCode("c", "91350100M000100Y43").ok());
  EXPECT_TRUE(CheckCreditCode("c", "").ok());
  EXPECT_FALSE(CheckCreditCode("c", "91350100M000100Y44").ok());
  EXPECT_FALSE(CheckCreditCode("c", "91350100M000100Y4").ok());
  EXPECT_FALSE(CheckCreditCode("c", "91350100M0001O0Y43").ok());  // Letter O.
}

TEST(RateTest, BasisPointsRoundHalfUp) {
  EXPECT_EQ((Rate{39, 41}.basis_points()), 9512);  // Seed 001: 组建率 95.1%.
  EXPECT_EQ((Rate{1, 8}.basis_points()), 1250);
  EXPECT_EQ((Rate{1, 3}.basis_points()), 3333);
  EXPECT_EQ((Rate{2, 3}.basis_points()), 6667);
  EXPECT_EQ((Rate{5, 0}.basis_points()), 0);
}

}  // namespace
}  // namespace unionhub::membership
