// Reads a roster (会员花名册) saved from a spreadsheet as CSV, chunk by chunk,
// so a large file is never held whole: bytes are decoded (UTF-8 or GBK) and
// split into records as they arrive, and each record becomes a NewMember at
// once.
#ifndef UNIONHUB_SERVICES_MEMBERSHIP_ROSTER_H_
#define UNIONHUB_SERVICES_MEMBERSHIP_ROSTER_H_

#include <iconv.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "libs/base/errors.h"
#include "services/membership/members.h"

namespace unionhub::membership {

enum class RosterEncoding { kDetect, kUtf8, kGbk };

class RosterReader final {
 public:
  // Rows without an organisation column go to `default_organisation_id`.
  RosterReader(RosterEncoding encoding, std::string default_organisation_id);
  ~RosterReader();
  RosterReader(const RosterReader&) = delete;
  RosterReader& operator=(const RosterReader&) = delete;

  // Takes the next bytes of the file. INVALID_ARGUMENT for a file that cannot
  // be read as a roster at all (undecodable bytes, a header without the
  // required columns, too many rows); problems of single rows go into the rows
  // instead.
  absl::Status Feed(absl::string_view bytes);
  // The end of the file.
  absl::Status Finish();

  // The rows read so far, in file order.
  std::vector<RosterRow>& rows() { return rows_; }

  static constexpr size_t kMaxRows = 200000;
  // A longer record is a row error, and only its length is kept.
  static constexpr size_t kMaxRecordBytes = 64 << 10;
  // The encoding is judged on this many first bytes (or the whole file).
  static constexpr size_t kDetectBytes = 4096;

 private:
  absl::Status Start();  // With the first kDetectBytes in head_.
  absl::Status Decode(absl::string_view bytes, bool last);
  absl::Status ParseRecords(bool last);
  void Append(char c);
  void EndField();
  absl::Status EndRecord();
  absl::Status Record(std::vector<std::string> fields);

  RosterEncoding encoding_;
  std::string default_organisation_id_;
  iconv_t gbk_ = reinterpret_cast<iconv_t>(-1);
  std::string head_;       // The first bytes, until the encoding is known.
  std::string undecoded_;  // Bytes of a character split across chunks.
  std::string text_;       // Decoded UTF-8 of the chunk being parsed.
  // The record being parsed: its fields so far, and where the parser is.
  std::vector<std::string> fields_;
  std::string field_;
  size_t record_bytes_ = 0;
  bool quoted_ = false, field_started_quoted_ = false;
  bool quote_in_quoted_ = false;  // Its meaning hangs on the next byte.
  bool after_cr_ = false;         // A \n next ends nothing more.
  bool started_ = false;
  int64_t record_number_ = 0;           // 1 is the header.
  std::map<std::string, int> columns_;  // Canonical name -> position.
  std::vector<RosterRow> rows_;
};

}  // namespace unionhub::membership

#endif  // UNIONHUB_SERVICES_MEMBERSHIP_ROSTER_H_
