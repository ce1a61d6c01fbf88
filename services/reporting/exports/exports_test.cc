// Exports: CSV as Excel in China opens it (byte-order mark, quoting, no
// formulas from tenants' text), and real .xlsx workbooks whose sheet holds
// the figures; on both backends, limited to the caller's subtree.
#include "services/reporting/exports/exports.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <zlib.h>

#include "absl/strings/match.h"
#include "libs/testing/backends.h"
#include "libs/testing/matchers.h"
#include "services/reporting/testing.h"

namespace unionhub::reporting {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;
using testing::StatusIs;

uint32_t Le32(const std::string& b, size_t at) {
  return static_cast<uint8_t>(b[at]) | static_cast<uint8_t>(b[at + 1]) << 8 |
         static_cast<uint8_t>(b[at + 2]) << 16 |
         static_cast<uint32_t>(static_cast<uint8_t>(b[at + 3])) << 24;
}
uint16_t Le16(const std::string& b, size_t at) {
  return static_cast<uint8_t>(b[at]) | static_cast<uint8_t>(b[at + 1]) << 8;
}

// The entry `name` of a zip archive (an .xlsx is one), through its central
// directory; empty when it is not there or cannot be read.
std::string Unzip(const std::string& zip, const std::string& name) {
  const size_t end = zip.rfind(std::string("PK\5\6", 4));
  if (end == std::string::npos || end + 22 > zip.size()) return "";
  size_t at = Le32(zip, end + 16);
  for (int n = Le16(zip, end + 10); n > 0; --n) {
    if (at + 46 > zip.size() || Le32(zip, at) != 0x02014b50) return "";
    const uint16_t method = Le16(zip, at + 10);
    const uint32_t packed = Le32(zip, at + 20), size = Le32(zip, at + 24);
    const uint16_t name_length = Le16(zip, at + 28);
    const size_t skip = name_length + Le16(zip, at + 30) + Le16(zip, at + 32);
    const uint32_t local = Le32(zip, at + 42);
    if (zip.compare(at + 46, name_length, name) == 0) {
      const size_t data =
          local + 30 + Le16(zip, local + 26) + Le16(zip, local + 28);
      if (method == 0) return zip.substr(data, size);
      std::string out(size, '\0');
      z_stream z{};
      if (inflateInit2(&z, -15) != Z_OK) return "";
      z.next_in =
          reinterpret_cast<Bytef*>(const_cast<char*>(zip.data() + data));
      z.avail_in = packed;
      z.next_out = reinterpret_cast<Bytef*>(out.data());
      z.avail_out = size;
      const int done = inflate(&z, Z_FINISH);
      inflateEnd(&z);
      return done == Z_STREAM_END ? out : "";
    }
    at += 46 + skip;
  }
  return "";
}

TEST(TableTest, CsvAsExcelInChinaOpensIt) {
  Table t;
  t.headers = {"单位", "金额"};
  t.rows = {{Cell::Text("第一中学工会"), Cell::Yuan(123'456)},
            {Cell::Text("甲, \"乙\""), Cell::Yuan(-5)},
            {Cell::Text("=HYPERLINK(\"http://x\")"), Cell::Percent(1, 3)},
            {Cell::Text("无基数"), Cell::Percent(1, 0)}};
  std::string csv = ToCsv(t);
  EXPECT_THAT(csv, StartsWith("\xEF\xBB\xBF单位,金额\r\n"));
  EXPECT_THAT(csv, HasSubstr("第一中学工会,1234.56\r\n"));
  EXPECT_THAT(csv, HasSubstr("\"甲, \"\"乙\"\"\",-0.05\r\n"));
  // A tenant's text never becomes a formula.
  EXPECT_THAT(csv, HasSubstr("\"'=HYPERLINK(\"\"http://x\"\")\",33.3%\r\n"));
  EXPECT_THAT(csv, HasSubstr("无基数,\r\n"));
}

TEST(TableTest, XlsxIsAWorkbookHoldingTheTable) {
  Table t;
  t.title = "2026年指标";
  t.headers = {"指标", "数值"};
  t.rows = {{Cell::Text("会员人数"), Cell::Integer(385)}};
  auto xlsx = ToXlsx(t);
  ASSERT_TRUE(xlsx.ok()) << xlsx.status();
  EXPECT_THAT(*xlsx, StartsWith("PK"));
  std::string sheet = Unzip(*xlsx, "xl/worksheets/sheet1.xml");
  EXPECT_THAT(sheet, HasSubstr("会员人数"));
  EXPECT_THAT(sheet, HasSubstr("<v>385</v>"));
  EXPECT_THAT(sheet, HasSubstr("2026年指标"));
}

class ExportsTest : public ReportingTest {
 protected:
  void SetUp() override {
    ReportingTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    figures_ =
        std::make_unique<Figures>(reporting_.db.get(), FiguresOptions{10});
    statistics_ = std::make_unique<Statistics>(
        reporting_.db.get(), StatisticsOptions{10, 2000}, &clock_);
    exports_ = std::make_unique<Exports>(figures_.get(), statistics_.get());
  }

  std::unique_ptr<Figures> figures_;
  std::unique_ptr<Statistics> statistics_;
  std::unique_ptr<Exports> exports_;
};

TEST_P(ExportsTest, FiguresLeagueTablesAndFormsAsFiles) {
  MustJoin(school_a_, 1, "2010-09-01");
  MustJoin(school_b_, 2, "2010-09-01");
  MustJoin(school_b_, 3, "2010-09-01");
  CatchUp();
  auto csv = exports_->FiguresFile(district_admin_, "", 2026, YearKind::kWork,
                                   {"members.active", "rate.founding"},
                                   ExportFormat::kCsv);
  ASSERT_TRUE(csv.ok()) << csv.status();
  EXPECT_EQ(csv->file_name, "某区教育工会2026年指标.csv");
  EXPECT_THAT(csv->bytes, HasSubstr("members.active,会员人数,人,0,3,0,3\r\n"));

  auto table =
      exports_->LeagueTableFile(district_admin_, "", "members.active", 2026,
                                YearKind::kWork, ExportFormat::kXlsx);
  ASSERT_TRUE(table.ok()) << table.status();
  EXPECT_THAT(table->content_type, HasSubstr("spreadsheetml"));
  std::string sheet = Unzip(table->bytes, "xl/worksheets/sheet1.xml");
  EXPECT_LT(sheet.find("第二中学工会"), sheet.find("第一中学工会"));

  auto forms = exports_->StatisticsFormsFile(district_admin_, "", 2026,
                                             ExportFormat::kCsv);
  ASSERT_TRUE(forms.ok()) << forms.status();
  EXPECT_THAT(forms->bytes, HasSubstr("第一中学工会,填报中,0,0,1,"));
  EXPECT_THAT(forms->bytes, HasSubstr("某区教育工会,填报中,"));

  // Another union's figures are as invisible in a file as on screen.
  EXPECT_THAT(exports_->FiguresFile(admin_a_, school_b_.id, 2026,
                                    YearKind::kWork, {}, ExportFormat::kCsv),
              StatusIs(absl::StatusCode::kNotFound));
}

UNIONHUB_ON_BOTH_BACKENDS(ExportsTest);

}  // namespace
}  // namespace unionhub::reporting
