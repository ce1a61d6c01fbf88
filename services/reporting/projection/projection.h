// What each event means for the figures. A record's contribution is derived
// from its latest state (the event's payload) alone, as a list of entries
// "add `value` to indicator `code` of the organisation on `path` in `month`".
// The read model keeps each record's last list and applies only the
// difference, so the same state twice changes nothing, a correction (a
// member's sex, a payment's amount) replaces what the record gave before, and
// a transfer takes the member from one union in the month it happened.
#ifndef UNIONHUB_SERVICES_REPORTING_PROJECTION_PROJECTION_H_
#define UNIONHUB_SERVICES_REPORTING_PROJECTION_PROJECTION_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "libs/base/periods.h"
#include "unionhub/events/v1/event_feed.pb.h"

namespace unionhub::reporting {

struct Entry {
  std::string code;  // Indicator code.
  std::string path;  // The organisation's path, "/<root>/.../<id>/".
  int month = 0;     // YYYYMM.
  int64_t value = 0;

  friend bool operator==(const Entry& a, const Entry& b) {
    return a.code == b.code && a.path == b.path && a.month == b.month &&
           a.value == b.value;
  }
};

// One record's entries: `subject` names it ("member/<id>"), unique across
// feeds.
struct Contribution {
  std::string subject;
  std::vector<Entry> entries;
};

// An organisation of the tree as membership last described it.
struct OrganisationRecord {
  std::string id;
  std::string parent_id;
  std::string path;
  std::string name;
  int type = 0;  // membership.v1.OrganisationType
  bool closed = false;
};

// A scheduled line of a union's disclosure catalogue (公开目录), as democracy
// last described it. Its dues depend on the day as well as on its items, so
// the read model keeps it and counts them again (DisclosureDues) when an item
// arrives and when a due date passes.
struct DisclosureLine {
  std::string id;
  std::string path;
  Schedule schedule = Schedule::kMonthly;
  int grace_days = 0;
  absl::CivilDay added;  // It counts from the day it entered the catalogue.
};

// An item disclosed for a line's period, on `day` (its publicity's first).
struct Disclosure {
  std::string item_id;
  std::string line_id;
  std::string period;
  absl::CivilDay day;
};

struct Projection {
  std::vector<Contribution> contributions;
  std::optional<OrganisationRecord> organisation;
  std::optional<DisclosureLine> disclosure_line;
  std::optional<Disclosure> disclosure;
};

// What the projection may ask of the read model as it stands, all from the
// same feed's earlier events (so a replay answers the same).
class ProjectionContext {
 public:
  virtual ~ProjectionContext() = default;
  // The path of an organisation seen on the membership feed (empty if not).
  virtual absl::StatusOr<std::string> PathOf(const std::string& id) = 0;
  // The entries a record contributes now (empty if none).
  virtual absl::StatusOr<std::vector<Entry>> EntriesOf(
      const std::string& subject) = 0;
};

// The projection of one event. Events that change no figure project to
// nothing; a payload that cannot be read is an error (the feed holds there
// rather than skip it).
absl::StatusOr<Projection> Project(const events::v1::Event& event,
                                   ProjectionContext& context);

// What `line` contributes on `today` ("disclosure_line/<id>"): each period
// due by then (from the day it was added) counts in disclosure.due in the
// month it fell due, and in disclosure.on_time, .late or .missing by the day
// of its first disclosure (`first_disclosed`: period key -> day).
Contribution DisclosureDues(
    const DisclosureLine& line,
    const std::map<std::string, absl::CivilDay>& first_disclosed,
    absl::CivilDay today);

// Sums entries with the same code, path and month, drops zeros, and sorts
// them, so equal contributions compare equal.
std::vector<Entry> Normalise(std::vector<Entry> entries);

}  // namespace unionhub::reporting

#endif  // UNIONHUB_SERVICES_REPORTING_PROJECTION_PROJECTION_H_
