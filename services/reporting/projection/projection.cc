#include "services/reporting/projection/projection.h"

#include <algorithm>
#include <map>
#include <tuple>

#include "libs/base/clock.h"
#include "libs/base/status_macros.h"
#include "libs/rpc/proto_time.h"
#include "services/reporting/period.h"
#include "services/reporting/projection/entries.h"
#include "services/reporting/projection/sources.h"

namespace unionhub::reporting {

std::optional<absl::CivilDay> DayOf(absl::string_view iso) {
  absl::CivilDay day;
  if (iso.size() != 10 || !absl::ParseCivilTime(iso, &day)) return std::nullopt;
  return day;
}

absl::CivilDay DayOf(const google::protobuf::Timestamp& t) {
  return absl::ToCivilDay(rpc::FromProtoTime(t), BeijingTime());
}

void EntryList::Count(absl::string_view code, absl::CivilDay day,
                      int64_t value) {
  if (value == 0) return;
  entries_.push_back(
      {std::string(code), path_, MonthKey(absl::CivilMonth(day)), value});
}

void EntryList::Hold(absl::string_view code, absl::CivilDay from,
                     std::optional<absl::CivilDay> until, int64_t value) {
  if (until && *until <= from) return;  // Never held on any day.
  Count(code, from, value);
  if (until) Count(code, *until, -value);
}

Contribution EntryList::Finish(std::string subject) && {
  return {std::move(subject), Normalise(std::move(entries_))};
}

Contribution DisclosureDues(
    const DisclosureLine& line,
    const std::map<std::string, absl::CivilDay>& first_disclosed,
    absl::CivilDay today) {
  EntryList entries(line.path);
  for (const Period& p :
       PeriodsDue(line.schedule, line.grace_days, line.added, today)) {
    const absl::CivilDay due = p.last_day + line.grace_days;
    entries.Count("disclosure.due", due);
    auto first = first_disclosed.find(p.key);
    if (first == first_disclosed.end()) {
      entries.Count("disclosure.missing", due);
    } else if (first->second <= due) {
      entries.Count("disclosure.on_time", due);
    } else {
      entries.Count("disclosure.late", due);
    }
  }
  return std::move(entries).Finish("disclosure_line/" + line.id);
}

std::vector<Entry> Normalise(std::vector<Entry> entries) {
  std::map<std::tuple<std::string, std::string, int>, int64_t> sums;
  for (Entry& e : entries)
    sums[{std::move(e.code), std::move(e.path), e.month}] += e.value;
  std::vector<Entry> out;
  for (auto& [key, value] : sums) {
    if (value == 0) continue;
    out.push_back(
        {std::get<0>(key), std::get<1>(key), std::get<2>(key), value});
  }
  return out;
}

absl::StatusOr<Projection> Project(const events::v1::Event& event,
                                   ProjectionContext& context) {
  Projection out;
  for (auto project : {ProjectMembership, ProjectWelfare, ProjectDemocracy}) {
    ASSIGN_OR_RETURN(bool mine, project(event, context, out));
    if (mine) break;
  }
  return out;
}

}  // namespace unionhub::reporting
