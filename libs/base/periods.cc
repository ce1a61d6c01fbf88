#include "libs/base/periods.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace unionhub {
namespace {

int Months(Schedule s) { return static_cast<int>(s); }

// The first month of the period holding `month` (1..12).
int StartMonth(Schedule s, int month) {
  return (month - 1) / Months(s) * Months(s) + 1;
}

Period PeriodOf(Schedule s, absl::CivilMonth first) {
  absl::CivilDay last = absl::CivilDay(first + Months(s)) - 1;
  const int year = static_cast<int>(first.year());
  std::string key;
  if (s == Schedule::kMonthly) {
    key = absl::FormatCivilTime(first);
  } else if (s == Schedule::kQuarterly) {
    key = absl::StrCat(year, "-Q", (first.month() - 1) / 3 + 1);
  } else {
    key = absl::StrCat(year);
  }
  return {key, last};
}

// The period whose due date is the first on or after `day`'s could be.
absl::CivilMonth FirstCandidate(Schedule s, int grace_days,
                                absl::CivilDay day) {
  absl::CivilMonth month(absl::CivilDay(day - grace_days));
  return absl::CivilMonth(month.year(), StartMonth(s, month.month()));
}

}  // namespace

std::optional<Period> ParsePeriod(Schedule schedule, absl::string_view key) {
  int year = 0;
  if (key.size() < 4 || !absl::SimpleAtoi(key.substr(0, 4), &year) ||
      year < 2000 || year > 2100) {
    return std::nullopt;
  }
  for (int month = 1; month <= 12; month += Months(schedule)) {
    Period p = PeriodOf(schedule, absl::CivilMonth(year, month));
    if (p.key == key) return p;
  }
  return std::nullopt;
}

std::vector<Period> PeriodsDue(Schedule schedule, int grace_days,
                               absl::CivilDay from, absl::CivilDay to) {
  std::vector<Period> out;
  for (absl::CivilMonth m = FirstCandidate(schedule, grace_days, from);;
       m += Months(schedule)) {
    Period p = PeriodOf(schedule, m);
    absl::CivilDay due = p.last_day + grace_days;
    if (due > to) break;
    if (due >= from) out.push_back(std::move(p));
  }
  return out;
}

absl::CivilDay NextDueAfter(Schedule schedule, int grace_days,
                            absl::CivilDay day) {
  for (absl::CivilMonth m = FirstCandidate(schedule, grace_days, day + 1);;
       m += Months(schedule)) {
    absl::CivilDay due = PeriodOf(schedule, m).last_day + grace_days;
    if (due > day) return due;
  }
}

}  // namespace unionhub
