// Time and civil dates. Unions work on Beijing time (UTC+8, no daylight
// saving): a date an officer types as "today" is today in Beijing, whatever the
// server's zone.
#ifndef UNIONHUB_LIBS_BASE_CLOCK_H_
#define UNIONHUB_LIBS_BASE_CLOCK_H_

#include <atomic>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"

namespace unionhub {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual absl::Time Now() const = 0;
  // Today's date in Beijing.
  absl::CivilDay Today() const;
  static const Clock& System();
};

// A clock that tests set by hand.
class FakeClock final : public Clock {
 public:
  explicit FakeClock(absl::Time now) : now_(absl::ToUnixNanos(now)) {}
  absl::Time Now() const override { return absl::FromUnixNanos(now_.load()); }
  void Set(absl::Time now) { now_ = absl::ToUnixNanos(now); }
  void Advance(absl::Duration d) { now_ += absl::ToInt64Nanoseconds(d); }

 private:
  std::atomic<int64_t> now_;
};

absl::TimeZone BeijingTime();

// Parses YYYY-MM-DD strictly (a real calendar date); INVALID_ARGUMENT naming
// `field`.
absl::StatusOr<absl::CivilDay> ParseDate(absl::string_view field,
                                         absl::string_view text);
// ParseDate, and INVALID_ARGUMENT "is in the future" after `today` (a join
// date, an award, a status change: things that have happened).
absl::StatusOr<absl::CivilDay> ParsePastDate(absl::string_view field,
                                             absl::string_view text,
                                             absl::CivilDay today);
std::string FormatDate(absl::CivilDay day);
// FormatDate, or "" for no date (as proto fields carry it).
inline std::string FormatDateOrEmpty(const std::optional<absl::CivilDay>& day) {
  return day ? FormatDate(*day) : "";
}
// The same day `years` later (earlier when negative); 29 February rolls
// over to 1 March, as a calendar would.
inline absl::CivilDay YearsAfter(absl::CivilDay day, int years) {
  return absl::CivilDay(day.year() + years, day.month(), day.day());
}
// OK for a year from 2000 to 2100 (what a union's records span);
// INVALID_ARGUMENT naming `field` otherwise.
absl::Status CheckYear(absl::string_view field, int year);
// RFC 3339 UTC with microseconds, the form timestamps are stored in.
std::string FormatTimestamp(absl::Time t);
absl::StatusOr<absl::Time> ParseTimestamp(absl::string_view text);

}  // namespace unionhub

#endif  // UNIONHUB_LIBS_BASE_CLOCK_H_
