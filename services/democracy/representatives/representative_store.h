// Repository of representatives. A person holds one seat per term at a time:
// the row keeps the person in seat_person_id while the mandate stands, under
// a unique key, and clears it when the mandate ends or is refused.
#ifndef UNIONHUB_SERVICES_DEMOCRACY_REPRESENTATIVES_REPRESENTATIVE_STORE_H_
#define UNIONHUB_SERVICES_DEMOCRACY_REPRESENTATIVES_REPRESENTATIVE_STORE_H_

#include <optional>
#include <string>
#include <vector>

#include "libs/sql/database.h"
#include "services/democracy/domain.h"

namespace unionhub::democracy {

class RepresentativeStore final {
 public:
  absl::StatusOr<std::optional<Representative>> Find(sql::Session& s,
                                                     absl::string_view id);
  // ALREADY_EXISTS (a storage error) when the person holds a seat of the term.
  absl::Status Insert(sql::Session& s, const Representative& r);
  // Status, review, replacement and end.
  absl::Status Update(sql::Session& s, const Representative& r);
  absl::StatusOr<std::vector<Representative>> List(
      sql::Session& s, absl::string_view term_id, RepresentativeStatus status,
      absl::string_view delegation, absl::string_view after_id, int limit);
  absl::StatusOr<int64_t> Count(sql::Session& s, absl::string_view term_id,
                                RepresentativeStatus status);
  // The seated (qualified) representatives counted for the composition.
  absl::StatusOr<CompositionCounts> Counts(sql::Session& s,
                                           absl::string_view term_id);
};

}  // namespace unionhub::democracy

#endif  // UNIONHUB_SERVICES_DEMOCRACY_REPRESENTATIVES_REPRESENTATIVE_STORE_H_
