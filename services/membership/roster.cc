#include "services/membership/roster.h"

#include <cerrno>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "libs/base/status_macros.h"
#include "libs/base/text.h"

namespace unionhub::membership {
namespace {

// Header spellings seen in rosters, folded to one name per column.
const std::map<std::string, std::string>& HeaderNames() {
  static const auto* names = new std::map<std::string, std::string>{
      {"姓名", "name"},
      {"name", "name"},
      {"会员姓名", "name"},
      {"身份证号", "id_number"},
      {"身份证号码", "id_number"},
      {"公民身份号码", "id_number"},
      {"身份证", "id_number"},
      {"id_number", "id_number"},
      {"手机", "phone"},
      {"手机号", "phone"},
      {"手机号码", "phone"},
      {"联系电话", "phone"},
      {"phone", "phone"},
      {"用工性质", "employment_type"},
      {"用工形式", "employment_type"},
      {"用工类型", "employment_type"},
      {"employment_type", "employment_type"},
      {"入会日期", "join_date"},
      {"入会时间", "join_date"},
      {"join_date", "join_date"},
      {"性别", "sex"},
      {"sex", "sex"},
      {"出生日期", "birth_date"},
      {"birth_date", "birth_date"},
      {"工会编号", "organisation_id"},
      {"organisation_id", "organisation_id"},
  };
  return *names;
}

std::optional<EmploymentType> ParseEmploymentType(absl::string_view text) {
  static const auto* values =
      new std::map<std::string, EmploymentType, std::less<>>{
          {"在编", EmploymentType::kStaff},
          {"正式", EmploymentType::kStaff},
          {"正式工", EmploymentType::kStaff},
          {"staff", EmploymentType::kStaff},
          {"合同", EmploymentType::kContract},
          {"合同制", EmploymentType::kContract},
          {"合同工", EmploymentType::kContract},
          {"contract", EmploymentType::kContract},
          {"劳务派遣", EmploymentType::kAgency},
          {"派遣", EmploymentType::kAgency},
          {"agency", EmploymentType::kAgency},
          {"农民工", EmploymentType::kMigrant},
          {"migrant", EmploymentType::kMigrant},
          {"其他", EmploymentType::kOther},
          {"other", EmploymentType::kOther},
      };
  auto it = values->find(absl::AsciiStrToLower(text));
  if (it == values->end()) return std::nullopt;
  return it->second;
}

// Dates as spreadsheets write them: 2010-09-01, 2010/9/1, 2010.9.1, 20100901.
std::optional<std::string> NormaliseDate(absl::string_view text) {
  std::vector<std::string> parts = absl::StrSplit(text, absl::ByAnyChar("-/."));
  int y, m, d;
  if (parts.size() == 1 && text.size() == 8 &&
      absl::SimpleAtoi(text.substr(0, 4), &y) &&
      absl::SimpleAtoi(text.substr(4, 2), &m) &&
      absl::SimpleAtoi(text.substr(6, 2), &d)) {
  } else if (parts.size() != 3 || !absl::SimpleAtoi(parts[0], &y) ||
             !absl::SimpleAtoi(parts[1], &m) ||
             !absl::SimpleAtoi(parts[2], &d)) {
    return std::nullopt;
  }
  return absl::StrFormat("%04d-%02d-%02d", y, m, d);
}

// `bytes` less a UTF-8 sequence cut off at its end (a chunk may end inside
// one).
absl::string_view WithoutCutCharacter(absl::string_view bytes) {
  for (size_t back = 1; back <= 4 && back <= bytes.size(); ++back) {
    unsigned char c = bytes[bytes.size() - back];
    if ((c & 0xC0) == 0x80)
      continue;  // A continuation byte: look further back.
    size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : 4;
    return len > back ? bytes.substr(0, bytes.size() - back) : bytes;
  }
  return bytes;
}

// A cell as an error message may quote it: at most 40 bytes, cut between
// characters (cells are UTF-8: Decode let nothing else through).
std::string Quote(absl::string_view cell) {
  constexpr size_t kMax = 40;
  if (cell.size() <= kMax) return std::string(cell);
  return absl::StrCat(WithoutCutCharacter(cell.substr(0, kMax)), "…");
}

// Spreadsheets often keep a long number as text with a leading apostrophe or
// tab.
std::string Clean(absl::string_view cell) {
  cell = absl::StripAsciiWhitespace(cell);
  if (absl::StartsWith(cell, "'")) cell.remove_prefix(1);
  return std::string(cell);
}

}  // namespace

RosterReader::RosterReader(RosterEncoding encoding,
                           std::string default_organisation_id)
    : encoding_(encoding),
      default_organisation_id_(std::move(default_organisation_id)) {}

RosterReader::~RosterReader() {
  if (gbk_ != reinterpret_cast<iconv_t>(-1)) iconv_close(gbk_);
}

absl::Status RosterReader::Feed(absl::string_view bytes) {
  if (!started_) {
    // The encoding and a byte order mark are judged on the file's first
    // bytes, however small the chunks they came in.
    head_.append(bytes.data(), bytes.size());
    return head_.size() < kDetectBytes ? absl::OkStatus() : Start();
  }
  RETURN_IF_ERROR(Decode(bytes, false));
  return ParseRecords(false);
}

absl::Status RosterReader::Start() {
  started_ = true;
  std::string head = std::move(head_);
  absl::string_view bytes = head;
  if (absl::StartsWith(bytes, "\xEF\xBB\xBF")) {
    bytes.remove_prefix(3);
    if (encoding_ == RosterEncoding::kDetect) encoding_ = RosterEncoding::kUtf8;
  }
  if (encoding_ == RosterEncoding::kDetect) {
    encoding_ =
        Utf8Length(WithoutCutCharacter(bytes.substr(0, kDetectBytes))) >= 0
            ? RosterEncoding::kUtf8
            : RosterEncoding::kGbk;
  }
  if (encoding_ == RosterEncoding::kGbk) {
    gbk_ = iconv_open("UTF-8", "GB18030");
    if (gbk_ == reinterpret_cast<iconv_t>(-1)) {
      return absl::InternalError("iconv has no GB18030");
    }
  }
  RETURN_IF_ERROR(Decode(bytes, false));
  return ParseRecords(false);
}

absl::Status RosterReader::Finish() {
  if (!started_) {
    if (head_.empty()) return InvalidField("csv_chunk", "the file is empty");
    RETURN_IF_ERROR(Start());
  }
  RETURN_IF_ERROR(Decode("", true));
  RETURN_IF_ERROR(ParseRecords(true));
  if (columns_.empty())
    return InvalidField("csv_chunk", "the file has no header row");
  return absl::OkStatus();
}

absl::Status RosterReader::Decode(absl::string_view bytes, bool last) {
  if (encoding_ != RosterEncoding::kGbk) {
    // Checked, so that no byte that is not text reaches a member's record or
    // an answer (protobuf strings must be UTF-8). Only a character cut at the
    // end of the previous chunk waits in undecoded_.
    std::string joined;
    if (!undecoded_.empty()) {
      joined = absl::StrCat(undecoded_, bytes);
      bytes = joined;
    }
    absl::string_view ready = last ? bytes : WithoutCutCharacter(bytes);
    if (Utf8Length(ready) < 0) {
      return InvalidField("csv_chunk",
                          "the file is not UTF-8 text throughout; save it "
                          "again as UTF-8 or GBK");
    }
    text_.append(ready.data(), ready.size());
    undecoded_ = std::string(bytes.substr(ready.size()));
    return absl::OkStatus();
  }
  undecoded_.append(bytes.data(), bytes.size());
  char* in = undecoded_.data();
  size_t in_left = undecoded_.size();
  char buffer[16384];
  while (in_left > 0) {
    char* out = buffer;
    size_t out_left = sizeof(buffer);
    size_t rc = iconv(gbk_, &in, &in_left, &out, &out_left);
    text_.append(buffer, out - buffer);
    if (rc != static_cast<size_t>(-1)) continue;
    if (errno == E2BIG) continue;
    if (errno == EINVAL && !last)
      break;  // A character continues in the next chunk.
    return InvalidField("csv_chunk", "the file is neither UTF-8 nor GBK text");
  }
  undecoded_.erase(0, undecoded_.size() - in_left);
  return absl::OkStatus();
}

absl::Status RosterReader::ParseRecords(bool last) {
  // RFC 4180: fields split by commas, records by line breaks outside quotes,
  // quotes doubled inside quoted fields. Each byte is looked at once; what a
  // record holds so far waits in the parser's state for the next chunk.
  for (char c : text_) {
    if (after_cr_) {
      after_cr_ = false;
      if (c == '\n') continue;  // The rest of \r\n.
    }
    if (quote_in_quoted_) {  // A doubled quote, or the field's closing one.
      quote_in_quoted_ = false;
      if (c == '"') {
        Append(c);
        continue;
      }
      quoted_ = false;
    }
    if (quoted_) {
      if (c == '"') {
        quote_in_quoted_ = true;
      } else {
        Append(c);
      }
    } else if (c == '"' && field_.empty() && !field_started_quoted_) {
      quoted_ = field_started_quoted_ = true;
    } else if (c == ',') {
      EndField();
    } else if (c == '\n' || c == '\r') {
      after_cr_ = c == '\r';
      RETURN_IF_ERROR(EndRecord());
    } else {
      Append(c);
    }
  }
  text_.clear();
  if (!last) return absl::OkStatus();
  if (quote_in_quoted_) quoted_ = false;  // It closed the field.
  if (quoted_) {
    return InvalidField("csv_chunk",
                        absl::StrCat("row ", record_number_ + 1,
                                     ": a quoted field never ends"));
  }
  if (!field_.empty() || !fields_.empty() || record_bytes_ > 0)
    return EndRecord();
  return absl::OkStatus();
}

void RosterReader::Append(char c) {
  if (++record_bytes_ <= kMaxRecordBytes) field_.push_back(c);
}

void RosterReader::EndField() {
  ++record_bytes_;
  fields_.push_back(std::move(field_));
  field_.clear();
  field_started_quoted_ = false;
}

absl::Status RosterReader::EndRecord() {
  EndField();
  std::vector<std::string> fields = std::move(fields_);
  fields_.clear();
  bool too_long = record_bytes_ > kMaxRecordBytes;
  record_bytes_ = 0;
  if (!too_long) return Record(std::move(fields));
  ++record_number_;
  if (columns_.empty()) {
    return InvalidField("csv_chunk",
                        absl::StrCat("the header row is longer than ",
                                     kMaxRecordBytes, " bytes"));
  }
  RosterRow& row = rows_.emplace_back();
  row.row = record_number_;
  row.unread = true;
  row.errors.push_back(
      {"row", absl::StrCat("is longer than ", kMaxRecordBytes,
                           " bytes (a missing line break?); not read")});
  return absl::OkStatus();
}

absl::Status RosterReader::Record(std::vector<std::string> fields) {
  ++record_number_;
  bool blank = true;
  for (const auto& f : fields)
    blank = blank && absl::StripAsciiWhitespace(f).empty();
  if (columns_.empty()) {
    if (blank)
      return InvalidField("csv_chunk", "the first row must be the header");
    for (size_t i = 0; i < fields.size(); ++i) {
      std::string header = absl::AsciiStrToLower(Clean(fields[i]));
      auto it = HeaderNames().find(header);
      if (it != HeaderNames().end()) columns_.emplace(it->second, i);
    }
    std::vector<std::string> missing;
    for (const char* required :
         {"name", "id_number", "employment_type", "join_date"}) {
      if (!columns_.count(required)) missing.push_back(required);
    }
    if (!missing.empty()) {
      return InvalidField(
          "csv_chunk",
          absl::StrCat("the header lacks the column(s) ",
                       absl::StrJoin(missing, ", "),
                       " (e.g. 姓名, 身份证号, 用工性质, 入会日期)"));
    }
    return absl::OkStatus();
  }
  if (blank) return absl::OkStatus();  // Trailing empty rows are common.
  if (rows_.size() >= kMaxRows) {
    return InvalidField("csv_chunk", absl::StrCat("more than ", kMaxRows,
                                                  " rows; split the file"));
  }
  auto cell = [&](const char* column) -> std::string {
    auto it = columns_.find(column);
    if (it == columns_.end() || it->second >= static_cast<int>(fields.size()))
      return "";
    return Clean(fields[it->second]);
  };
  RosterRow& row = rows_.emplace_back();
  row.row = record_number_;
  NewMember& m = row.member;
  m.name = cell("name");
  m.id_number = cell("id_number");
  m.phone = cell("phone");
  m.organisation_id = cell("organisation_id");
  if (m.organisation_id.empty()) m.organisation_id = default_organisation_id_;
  std::string employment = cell("employment_type");
  if (auto t = ParseEmploymentType(employment)) {
    m.employment_type = *t;
  } else if (!employment.empty()) {
    row.errors.push_back(
        {"employment_type",
         absl::StrCat("\"", Quote(employment),
                      "\" is not one of 在编, 合同, 劳务派遣, 农民工, 其他")});
  }
  std::string join = cell("join_date");
  if (auto d = NormaliseDate(join)) {
    m.join_date = *d;
  } else {
    m.join_date = join;  // Validation names the problem.
  }
  std::string sex = cell("sex");
  if (sex == "男" || absl::EqualsIgnoreCase(sex, "male")) m.sex = Sex::kMale;
  if (sex == "女" || absl::EqualsIgnoreCase(sex, "female"))
    m.sex = Sex::kFemale;
  std::string birth = cell("birth_date");
  if (!birth.empty()) {
    auto d = NormaliseDate(birth);
    auto day = d ? ParseDate("birth_date", *d) : absl::InvalidArgumentError("");
    if (day.ok()) {
      m.birth_date = *day;
    } else {
      row.errors.push_back({"birth_date", "is not a date"});
    }
  }
  return absl::OkStatus();
}

}  // namespace unionhub::membership
