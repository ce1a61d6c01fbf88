// Values as stored: optional columns are NULL when there is nothing, and dates
// are YYYY-MM-DD text (libs/base/clock.h).
#ifndef UNIONHUB_LIBS_SQL_VALUES_H_
#define UNIONHUB_LIBS_SQL_VALUES_H_

#include <optional>
#include <string>

#include "absl/time/civil_time.h"
#include "libs/base/clock.h"

namespace unionhub::sql {

inline std::optional<std::string> NullIfEmpty(const std::string& s) {
  return s.empty() ? std::nullopt : std::optional<std::string>(s);
}

inline std::optional<std::string> TimeOrNull(
    const std::optional<absl::Time>& time) {
  return time ? std::optional<std::string>(FormatTimestamp(*time))
              : std::nullopt;
}

inline std::optional<std::string> DateOrNull(
    const std::optional<absl::CivilDay>& day) {
  return day ? std::optional<std::string>(FormatDate(*day)) : std::nullopt;
}

}  // namespace unionhub::sql

#endif  // UNIONHUB_LIBS_SQL_VALUES_H_
