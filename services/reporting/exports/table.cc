#include "services/reporting/exports/table.h"

#include <unistd.h>
#include <xlsxwriter.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_replace.h"

namespace unionhub::reporting {
namespace {

std::string YuanText(int64_t fen) {
  const bool negative = fen < 0;
  const uint64_t abs = negative ? 0 - static_cast<uint64_t>(fen) : fen;
  return absl::StrFormat("%s%d.%02d", negative ? "-" : "", abs / 100,
                         abs % 100);
}

std::string CsvField(const Cell& c) {
  std::string text;
  switch (c.kind) {
    case Cell::Kind::kEmpty:
      return "";
    case Cell::Kind::kInteger:
      return absl::StrCat(c.number);
    case Cell::Kind::kYuan:
      return YuanText(c.number);
    case Cell::Kind::kPercent:
      if (c.denominator <= 0) return "";
      return absl::StrFormat(
          "%.1f%%", 100.0 * static_cast<double>(c.number) / c.denominator);
    case Cell::Kind::kText:
      text = c.text;
      break;
  }
  // Not a formula when opened in Excel.
  if (!text.empty() &&
      (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@'))
    text = "'" + text;
  if (text.find_first_of(",\"\r\n") != std::string::npos)
    text =
        absl::StrCat("\"", absl::StrReplaceAll(text, {{"\"", "\"\""}}), "\"");
  return text;
}

void AppendLine(std::string& out, const std::vector<std::string>& fields) {
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out += ',';
    out += fields[i];
  }
  out += "\r\n";
}

}  // namespace

std::string ToCsv(const Table& table) {
  std::string out = "\xEF\xBB\xBF";  // UTF-8 byte-order mark.
  std::vector<std::string> header;
  for (const std::string& h : table.headers)
    header.push_back(CsvField(Cell::Text(h)));
  AppendLine(out, header);
  for (const auto& row : table.rows) {
    std::vector<std::string> fields;
    for (const Cell& c : row) fields.push_back(CsvField(c));
    AppendLine(out, fields);
  }
  return out;
}

absl::StatusOr<std::string> ToXlsx(const Table& table) {
  const char* dir = std::getenv("TMPDIR");
  std::string path =
      absl::StrCat(dir != nullptr && *dir ? dir : "/tmp", "/export-XXXXXX");
  const int fd = mkstemp(path.data());
  if (fd < 0) return absl::InternalError("cannot make a temporary file");
  close(fd);
  struct Remove {
    std::string path;
    ~Remove() { unlink(path.c_str()); }
  } remove{path};

  lxw_workbook_options options = {};
  options.constant_memory = LXW_TRUE;  // Rows go to disk as written.
  options.tmpdir = nullptr;
  lxw_workbook* book = workbook_new_opt(path.c_str(), &options);
  if (book == nullptr) return absl::InternalError("cannot start a workbook");
  lxw_worksheet* sheet = workbook_add_worksheet(book, nullptr);
  lxw_format* bold = workbook_add_format(book);
  format_set_bold(bold);
  lxw_format* yuan = workbook_add_format(book);
  format_set_num_format(yuan, "#,##0.00");
  lxw_format* percent = workbook_add_format(book);
  format_set_num_format(percent, "0.0%");
  worksheet_set_column(sheet, 0, static_cast<lxw_col_t>(table.headers.size()),
                       16, nullptr);
  worksheet_write_string(sheet, 0, 0, table.title.c_str(), bold);
  for (size_t c = 0; c < table.headers.size(); ++c) {
    worksheet_write_string(sheet, 1, static_cast<lxw_col_t>(c),
                           table.headers[c].c_str(), bold);
  }
  for (size_t r = 0; r < table.rows.size(); ++r) {
    const auto row = static_cast<lxw_row_t>(r + 2);
    for (size_t c = 0; c < table.rows[r].size(); ++c) {
      const Cell& cell = table.rows[r][c];
      const auto col = static_cast<lxw_col_t>(c);
      switch (cell.kind) {
        case Cell::Kind::kEmpty:
          break;
        case Cell::Kind::kText:
          worksheet_write_string(sheet, row, col, cell.text.c_str(), nullptr);
          break;
        case Cell::Kind::kInteger:
          worksheet_write_number(sheet, row, col,
                                 static_cast<double>(cell.number), nullptr);
          break;
        case Cell::Kind::kYuan:
          worksheet_write_number(sheet, row, col,
                                 static_cast<double>(cell.number) / 100, yuan);
          break;
        case Cell::Kind::kPercent:
          if (cell.denominator > 0) {
            worksheet_write_number(
                sheet, row, col,
                static_cast<double>(cell.number) / cell.denominator, percent);
          }
          break;
      }
    }
  }
  const lxw_error closed = workbook_close(book);
  if (closed != LXW_NO_ERROR) {
    return absl::InternalError(
        absl::StrCat("cannot write the workbook: ", lxw_strerror(closed)));
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (!in) return absl::InternalError("cannot read the workbook back");
  return bytes.str();
}

}  // namespace unionhub::reporting
