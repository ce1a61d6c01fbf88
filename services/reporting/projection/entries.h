// Builds one record's entries from the dates it carries (projection.h).
#ifndef UNIONHUB_SERVICES_REPORTING_PROJECTION_ENTRIES_H_
#define UNIONHUB_SERVICES_REPORTING_PROJECTION_ENTRIES_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "google/protobuf/timestamp.pb.h"
#include "services/reporting/projection/projection.h"

namespace unionhub::reporting {

// An ISO date from a payload, or nothing when it is empty or malformed.
std::optional<absl::CivilDay> DayOf(absl::string_view iso);
// The day in Beijing of a payload's timestamp.
absl::CivilDay DayOf(const google::protobuf::Timestamp& t);

class EntryList final {
 public:
  explicit EntryList(std::string path) : path_(std::move(path)) {}

  // A flow: `value` counted in the month of `day`.
  void Count(absl::string_view code, absl::CivilDay day, int64_t value = 1);
  // A stock: `value` held from `from` until the day before `until` (kept
  // while there is none).
  void Hold(absl::string_view code, absl::CivilDay from,
            std::optional<absl::CivilDay> until, int64_t value = 1);

  Contribution Finish(std::string subject) &&;

 private:
  std::string path_;
  std::vector<Entry> entries_;
};

}  // namespace unionhub::reporting

#endif  // UNIONHUB_SERVICES_REPORTING_PROJECTION_ENTRIES_H_
