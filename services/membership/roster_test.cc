#include "services/membership/roster.h"

#include <iconv.h>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "gtest/gtest.h"
#include "services/membership/id_number.h"

namespace unionhub::membership {
namespace {

std::string Id(int seq) {
  std::string first17 =
      absl::StrCat("11010519850312", absl::StrFormat("%03d", seq));
  return first17 + IdNumberCheckCharacter(first17);
}

std::string ToGbk(const std::string& utf8) {
  iconv_t cd = iconv_open("GB18030", "UTF-8");
  std::string in = utf8, out(utf8.size() * 2, '\0');
  char* ip = in.data();
  char* op = out.data();
  size_t il = in.size(), ol = out.size();
  iconv(cd, &ip, &il, &op, &ol);
  iconv_close(cd);
  out.resize(out.size() - ol);
  return out;
}

const std::string kRoster =
    absl::StrCat("姓名,身份证号,手机号码,用工性质,入会日期,性别\r\n", "张三,",
                 Id(1), ",13812345678,在编,2010/9/1,男\r\n", "\"李,四\",'",
                 Id(2), ",,劳务派遣,2011.03.05,女\r\n", "\"王\"\"五\",", Id(3),
                 ",,合同制,20120101,\r\n",
                 ",,,,,\r\n");  // Spreadsheets leave empty rows at the end.

TEST(RosterReaderTest, ReadsChineseHeadersQuotesAndDateForms) {
  RosterReader reader(RosterEncoding::kDetect, "00000000000000a1");
  ASSERT_TRUE(reader.Feed(kRoster).ok());
  ASSERT_TRUE(reader.Finish().ok());
  auto& rows = reader.rows();
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].row, 2);
  EXPECT_EQ(rows[0].member.name, "张三");
  EXPECT_EQ(rows[0].member.join_date, "2010-09-01");
  EXPECT_EQ(rows[0].member.sex, Sex::kMale);
  EXPECT_EQ(rows[0].member.employment_type, EmploymentType::kStaff);
  EXPECT_EQ(rows[0].member.organisation_id, "00000000000000a1");
  EXPECT_EQ(rows[1].member.name, "李,四");
  EXPECT_EQ(rows[1].member.id_number, Id(2));  // Leading apostrophe dropped.
  EXPECT_EQ(rows[1].member.employment_type, EmploymentType::kAgency);
  EXPECT_EQ(rows[1].member.join_date, "2011-03-05");
  EXPECT_EQ(rows[2].member.name, "王\"五");
  EXPECT_EQ(rows[2].member.join_date, "2012-01-01");
}

TEST(RosterReaderTest, SameRowsWhereverTheChunksSplit) {
  for (const std::string& file :
       {kRoster, ToGbk(kRoster), "\xEF\xBB\xBF" + kRoster}) {
    for (size_t split = 1; split < file.size(); ++split) {
      // Even the encoding and the byte order mark, judged on the first
      // bytes, do not depend on how they were split.
      RosterReader reader(RosterEncoding::kDetect, "00000000000000a1");
      for (size_t at = 0; at < file.size(); at += split) {
        absl::Status fed = reader.Feed(file.substr(at, split));
        ASSERT_TRUE(fed.ok())
            << split << " at " << at << " of " << file.size() << ": " << fed;
      }
      ASSERT_TRUE(reader.Finish().ok()) << split;
      ASSERT_EQ(reader.rows().size(), 3u) << split;
      EXPECT_EQ(reader.rows()[1].member.name, "李,四") << split;
      EXPECT_EQ(reader.rows()[2].member.name, "王\"五") << split;
    }
  }
}

TEST(RosterReaderTest, ReadsGbkAsExcelSavesIt) {
  RosterReader reader(RosterEncoding::kGbk, "00000000000000a1");
  ASSERT_TRUE(reader.Feed(ToGbk(kRoster)).ok());
  ASSERT_TRUE(reader.Finish().ok());
  ASSERT_EQ(reader.rows().size(), 3u);
  EXPECT_EQ(reader.rows()[0].member.name, "张三");
}

TEST(RosterReaderTest, EnglishHeadersInAnyOrderWithAnOrganisationColumn) {
  RosterReader reader(RosterEncoding::kUtf8, "00000000000000a1");
  ASSERT_TRUE(reader
                  .Feed(absl::StrCat("join_date,Name,organisation_id,id_number,"
                                     "employment_type\n2015-01-01,Zhang San,"
                                     "00000000000000b2,",
                                     Id(1), ",migrant\n"))
                  .ok());
  ASSERT_TRUE(reader.Finish().ok());  // No newline needed at the end either.
  ASSERT_EQ(reader.rows().size(), 1u);
  EXPECT_EQ(reader.rows()[0].member.organisation_id, "00000000000000b2");
  EXPECT_EQ(reader.rows()[0].member.employment_type, EmploymentType::kMigrant);
}

TEST(RosterReaderTest, RowProblemsStayWithTheRow) {
  RosterReader reader(RosterEncoding::kUtf8, "00000000000000a1");
  ASSERT_TRUE(
      reader
          .Feed(absl::StrCat("姓名,身份证号,用工性质,入会日期,出生日期\n张三,",
                             Id(1), ",临时工,2010-09-01,某年\n"))
          .ok());
  ASSERT_TRUE(reader.Finish().ok());
  ASSERT_EQ(reader.rows().size(), 1u);
  ASSERT_EQ(reader.rows()[0].errors.size(), 2u);
  EXPECT_EQ(reader.rows()[0].errors[0].field, "employment_type");
  EXPECT_EQ(reader.rows()[0].errors[1].field, "birth_date");
}

TEST(RosterReaderTest, RefusesFilesThatAreNotRosters) {
  {
    RosterReader reader(RosterEncoding::kUtf8, "");
    // A small file is judged whole at its end.
    absl::Status fed = reader.Feed("姓名,手机\n张三,13812345678\n");
    if (fed.ok()) fed = reader.Finish();
    EXPECT_EQ(fed.code(), absl::StatusCode::kInvalidArgument);
    EXPECT_NE(fed.message().find("id_number"), std::string::npos);
  }
  {
    RosterReader reader(RosterEncoding::kUtf8, "");
    EXPECT_FALSE(reader.Finish().ok());  // Empty.
  }
  {
    RosterReader reader(RosterEncoding::kUtf8, "");
    ASSERT_TRUE(reader.Feed("姓名,身份证号,用工性质,入会日期\n\"张三,").ok());
    EXPECT_FALSE(reader.Finish().ok());  // Unterminated quote.
  }
  {
    RosterReader reader(RosterEncoding::kGbk, "");
    absl::Status fed = reader.Feed("\x81\x20\x81\x20,a\n");
    EXPECT_FALSE(fed.ok() && reader.Finish().ok());  // Not GBK either.
  }
  {
    // Named UTF-8 (or a byte order mark), and a byte that is not UTF-8 later
    // on (found by roster_fuzz).
    RosterReader reader(RosterEncoding::kDetect, "");
    absl::Status fed = reader.Feed(
        "\xEF\xBB\xBF姓名,身份证号,用工性质,入会日期\n张三,1,在编,2010/\x86/"
        "1\n");
    if (fed.ok()) fed = reader.Finish();
    EXPECT_EQ(fed.code(), absl::StatusCode::kInvalidArgument);
    EXPECT_NE(fed.message().find("not UTF-8"), std::string::npos) << fed;
  }
}

}  // namespace
}  // namespace unionhub::membership

namespace unionhub::membership {
namespace {

TEST(RosterReaderTest, ARecordWithoutLineBreaksIsOneRowErrorNotTheWholeFile) {
  RosterReader reader(RosterEncoding::kUtf8, "org");
  ASSERT_TRUE(reader.Feed("姓名,身份证号,用工性质,入会日期\n").ok());
  // 16 MB with no line break, in 4 KiB chunks: read once, held in part.
  std::string chunk(4096, 'x');
  for (int i = 0; i < 4096; ++i) ASSERT_TRUE(reader.Feed(chunk).ok());
  ASSERT_TRUE(reader.Feed("\n张三,110105198503120011,在编,2015-09-01\n").ok());
  ASSERT_TRUE(reader.Finish().ok());
  ASSERT_EQ(reader.rows().size(), 2u);
  const RosterRow& long_row = reader.rows()[0];
  EXPECT_EQ(long_row.row, 2);
  EXPECT_TRUE(long_row.unread);
  ASSERT_EQ(long_row.errors.size(), 1u);
  EXPECT_EQ(long_row.errors[0].field, "row");
  EXPECT_TRUE(long_row.member.name.empty());
  EXPECT_EQ(reader.rows()[1].row, 3);
  EXPECT_EQ(reader.rows()[1].member.name, "张三");
}

TEST(RosterReaderTest, AHeaderTooLongRefusesTheFile) {
  RosterReader reader(RosterEncoding::kUtf8, "org");
  absl::Status fed =
      reader.Feed(std::string(RosterReader::kMaxRecordBytes + 1, 'x') + "\n");
  EXPECT_EQ(fed.code(), absl::StatusCode::kInvalidArgument);
}

TEST(RosterReaderTest, QuotesAndLineBreaksSplitAcrossChunks) {
  // A doubled quote, a closing quote and \r\n each cut between chunks.
  std::string file =
      "姓名,身份证号,用工性质,入会日期\r\n\"张\"\"三\",110105198503120011,在编,"
      "2015-09-01\r\n";
  for (size_t split = 1; split < file.size(); ++split) {
    RosterReader reader(RosterEncoding::kUtf8, "org");
    ASSERT_TRUE(reader.Feed(file.substr(0, split)).ok());
    ASSERT_TRUE(reader.Feed(file.substr(split)).ok());
    ASSERT_TRUE(reader.Finish().ok());
    ASSERT_EQ(reader.rows().size(), 1u) << split;
    EXPECT_EQ(reader.rows()[0].member.name, "张\"三") << split;
    EXPECT_EQ(reader.rows()[0].row, 2) << split;
  }
}

}  // namespace
}  // namespace unionhub::membership
