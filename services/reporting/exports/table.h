// A table for a file: what the exports build, written out as CSV (UTF-8 with
// a byte-order mark, which Excel in China opens correctly) or as an .xlsx
// workbook (libxlsxwriter).
#ifndef UNIONHUB_SERVICES_REPORTING_EXPORTS_TABLE_H_
#define UNIONHUB_SERVICES_REPORTING_EXPORTS_TABLE_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace unionhub::reporting {

struct Cell {
  enum class Kind { kEmpty, kText, kInteger, kYuan, kPercent };
  Kind kind = Kind::kEmpty;
  std::string text;
  int64_t number = 0;       // kInteger; kYuan in fen; kPercent's numerator.
  int64_t denominator = 0;  // kPercent (0: no base, written empty).

  static Cell Text(std::string text) {
    return {Kind::kText, std::move(text), 0, 0};
  }
  static Cell Integer(int64_t n) { return {Kind::kInteger, "", n, 0}; }
  static Cell Yuan(int64_t fen) { return {Kind::kYuan, "", fen, 0}; }
  static Cell Percent(int64_t numerator, int64_t denominator) {
    return {Kind::kPercent, "", numerator, denominator};
  }
};

struct Table {
  std::string title;  // The sheet's first line in the workbook.
  std::vector<std::string> headers;
  std::vector<std::vector<Cell>> rows;
};

// The header and rows; a text that Excel would take for a formula (=, +, -,
// @ first) is written with a leading apostrophe.
std::string ToCsv(const Table& table);
// The workbook, made in a temporary file under $TMPDIR (else /tmp).
absl::StatusOr<std::string> ToXlsx(const Table& table);

}  // namespace unionhub::reporting

#endif  // UNIONHUB_SERVICES_REPORTING_EXPORTS_TABLE_H_
