// Scheduled periods ("2026-07", "2026-Q3", "2026") and when each falls due,
// for what a union must do every month, quarter or year: democracy checks a
// disclosure names a real period, and democracy and reporting both count the
// periods due with the same rule.
#ifndef UNIONHUB_LIBS_BASE_PERIODS_H_
#define UNIONHUB_LIBS_BASE_PERIODS_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"

namespace unionhub {

// How often; the value is the period's length in months.
enum class Schedule { kMonthly = 1, kQuarterly = 3, kYearly = 12 };

struct Period {
  std::string key;  // "2026-07", "2026-Q3", "2026".
  absl::CivilDay last_day;
};

// The period `key` names on `schedule`; nullopt when it is not one (or its
// year is outside 2000..2100).
std::optional<Period> ParsePeriod(Schedule schedule, absl::string_view key);

// The periods whose due date (last day + `grace_days`) falls in [from, to],
// in order.
std::vector<Period> PeriodsDue(Schedule schedule, int grace_days,
                               absl::CivilDay from, absl::CivilDay to);

// The first due date after `day`.
absl::CivilDay NextDueAfter(Schedule schedule, int grace_days,
                            absl::CivilDay day);

}  // namespace unionhub

#endif  // UNIONHUB_LIBS_BASE_PERIODS_H_
