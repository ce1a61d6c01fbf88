// The read model's storage: applying a page of events (the projection's
// entries, as differences, added to every organisation on the path) and
// reading the sums back.
#ifndef UNIONHUB_SERVICES_REPORTING_READ_MODEL_READ_MODEL_H_
#define UNIONHUB_SERVICES_REPORTING_READ_MODEL_READ_MODEL_H_

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "google/protobuf/repeated_ptr_field.h"
#include "libs/base/clock.h"
#include "libs/outbox/feed_consumer.h"
#include "libs/sql/database.h"
#include "services/reporting/projection/projection.h"
#include "unionhub/events/v1/event_feed.pb.h"

namespace unionhub::reporting {

enum class Scope { kOwn = 0, kSubtree = 1 };

// Applies a page of one feed's events inside the consumer's transaction.
// What the events change is summed over the page first, so a page of 200
// new members of one union writes each figure row once. `today` is how far
// disclosure dues are counted.
absl::Status ApplyEvents(
    sql::Session& s,
    const google::protobuf::RepeatedPtrField<events::v1::Event>& events,
    absl::CivilDay today);
// ApplyEvents on the clock's today, for a FeedConsumer (`clock` must outlive
// it).
outbox::FeedConsumer::ApplyPage ApplyEventsOn(const Clock& clock);

// Counts again the dues of every disclosure line with a due date passed since
// they were last counted, as of `today` (a new day changes them with no
// event). Returns how many lines it counted.
absl::StatusOr<int> CountDuesThrough(sql::Session& s, absl::CivilDay today);

// The figure rows of one organisation that a read of a span needs: per
// (indicator, scope), period -> value, for period 0, the years from
// `since_year` and the months from January of `since_year`.
using FigureRows =
    std::map<std::pair<std::string, Scope>, std::map<int, int64_t>>;

absl::StatusOr<FigureRows> ReadFigureRows(sql::Session& s,
                                          const std::string& organisation_id,
                                          int since_year);
// The same, at scope kSubtree, for the children of `parent_id` and the
// indicators named: child id -> rows.
absl::StatusOr<std::map<std::string, FigureRows>> ReadChildFigureRows(
    sql::Session& s, const std::string& parent_id,
    const std::vector<std::string>& codes, int since_year);

absl::StatusOr<std::optional<OrganisationRecord>> FindOrganisation(
    sql::Session& s, const std::string& id);
// Open children, by id.
absl::StatusOr<std::vector<OrganisationRecord>> OpenChildren(
    sql::Session& s, const std::string& parent_id);

// Sums from FigureRows: a flow over months [first, last]; a stock on the last
// day of `month`.
int64_t FlowOver(const std::map<int, int64_t>& rows, absl::CivilMonth first,
                 absl::CivilMonth last);
int64_t StockAt(const std::map<int, int64_t>& rows, absl::CivilMonth month);

// Every non-zero figure row as "organisation indicator scope period value",
// in key order: two read models are equal when these are.
absl::StatusOr<std::vector<std::string>> FigureTableText(sql::Database& db);

// Clears the read model (figures, contributions, organisations, disclosure
// lines and items, cursors of the feeds) for a rebuild from the start of every
// feed.
absl::Status ClearReadModel(sql::Database& db);

}  // namespace unionhub::reporting

#endif  // UNIONHUB_SERVICES_REPORTING_READ_MODEL_READ_MODEL_H_
