#include "libs/base/clock.h"

#include <cstdint>

#include "absl/strings/str_format.h"
#include "libs/base/errors.h"

namespace unionhub {
namespace {

class SystemClock final : public Clock {
 public:
  absl::Time Now() const override { return absl::Now(); }
};

}  // namespace

const Clock& Clock::System() {
  static const SystemClock* clock = new SystemClock;
  return *clock;
}

absl::TimeZone BeijingTime() { return absl::FixedTimeZone(8 * 3600); }

absl::CivilDay Clock::Today() const {
  return absl::ToCivilDay(Now(), BeijingTime());
}

absl::StatusOr<absl::CivilDay> ParseDate(absl::string_view field,
                                         absl::string_view text) {
  if (text.empty()) return InvalidField(field, "is required (YYYY-MM-DD)");
  int y, m, d;
  char tail;
  bool shape = text.size() == 10 && text[4] == '-' && text[7] == '-' &&
               std::sscanf(std::string(text).c_str(), "%4d-%2d-%2d%c", &y, &m,
                           &d, &tail) == 3;
  if (!shape) return InvalidField(field, "must be a date as YYYY-MM-DD");
  absl::CivilDay day(y, m, d);
  if (day.year() != y || day.month() != m || day.day() != d || y < 1900) {
    return InvalidField(field, "is not a real calendar date");
  }
  return day;
}

absl::StatusOr<absl::CivilDay> ParsePastDate(absl::string_view field,
                                             absl::string_view text,
                                             absl::CivilDay today) {
  absl::StatusOr<absl::CivilDay> day = ParseDate(field, text);
  if (day.ok() && *day > today) return InvalidField(field, "is in the future");
  return day;
}

absl::Status CheckYear(absl::string_view field, int year) {
  if (year < 2000 || year > 2100)
    return InvalidField(field, "must be a year from 2000 to 2100");
  return absl::OkStatus();
}

std::string FormatDate(absl::CivilDay day) {
  // By hand: this runs for every date of every stored row.
  char out[11] = "0000-00-00";
  int64_t y = day.year();
  if (y < 0 || y > 9999)
    return absl::StrFormat("%04d-%02d-%02d", y, day.month(), day.day());
  for (int i = 3; i >= 0; --i, y /= 10)
    out[i] = static_cast<char>('0' + y % 10);
  out[5] = static_cast<char>('0' + day.month() / 10);
  out[6] = static_cast<char>('0' + day.month() % 10);
  out[8] = static_cast<char>('0' + day.day() / 10);
  out[9] = static_cast<char>('0' + day.day() % 10);
  return std::string(out, 10);
}

std::string FormatTimestamp(absl::Time t) {
  // Every log line and many rows are stamped: the calendar part (the slow part
  // to format) is remembered per second, the microseconds are appended.
  const int64_t micros = absl::ToUnixMicros(t);
  int64_t second = micros / 1'000'000;
  int64_t fraction = micros % 1'000'000;
  if (fraction < 0) {  // before 1970: the second before, plus a positive part
    second -= 1;
    fraction += 1'000'000;
  }
  thread_local int64_t last_second = INT64_MIN;
  thread_local std::string calendar;
  if (second != last_second) {
    calendar =
        absl::FormatTime("%Y-%m-%dT%H:%M:%S", absl::FromUnixSeconds(second),
                         absl::UTCTimeZone());
    last_second = second;
  }
  char tail[] = ".000000Z";
  for (int i = 6; i >= 1; --i, fraction /= 10) tail[i] = '0' + fraction % 10;
  return absl::StrCat(calendar, tail);
}

absl::StatusOr<absl::Time> ParseTimestamp(absl::string_view text) {
  absl::Time t;
  std::string err;
  if (!absl::ParseTime(absl::RFC3339_full, text, &t, &err)) {
    return absl::InternalError("bad stored timestamp: " + err);
  }
  return t;
}

}  // namespace unionhub
