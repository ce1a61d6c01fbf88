// Repository of congress terms and sessions.
#ifndef UNIONHUB_SERVICES_DEMOCRACY_CONGRESS_CONGRESS_STORE_H_
#define UNIONHUB_SERVICES_DEMOCRACY_CONGRESS_CONGRESS_STORE_H_

#include <optional>
#include <string>
#include <vector>

#include "libs/sql/database.h"
#include "services/democracy/domain.h"

namespace unionhub::democracy {

class CongressStore final {
 public:
  absl::StatusOr<std::optional<CongressTerm>> FindTerm(sql::Session& s,
                                                       absl::string_view id);
  // ALREADY_EXISTS (a storage error) for a second term of one number.
  absl::Status InsertTerm(sql::Session& s, const CongressTerm& t);
  // Everything but the term's place and number.
  absl::Status UpdateTerm(sql::Session& s, const CongressTerm& t);
  absl::StatusOr<std::vector<CongressTerm>> ListTerms(
      sql::Session& s, absl::string_view under_path,
      absl::string_view before_id, int limit);
  // Whether another term of the union and kind overlaps [start, end].
  absl::StatusOr<bool> Overlaps(sql::Session& s, const CongressTerm& t);

  // The next session number of the term, taken under the term row's lock.
  absl::StatusOr<int> NumberNextSession(sql::Session& s,
                                        absl::string_view term_id);
  absl::StatusOr<std::optional<CongressSession>> FindSession(
      sql::Session& s, absl::string_view id);
  absl::Status InsertSession(sql::Session& s, const CongressSession& c);
  absl::Status UpdateSessionStatus(sql::Session& s, const CongressSession& c);
  absl::StatusOr<std::vector<CongressSession>> ListSessions(
      sql::Session& s, absl::string_view term_id, int after_number, int limit);
  // First days of the term's sessions held (open or closed).
  absl::StatusOr<std::vector<absl::CivilDay>> HeldSessionDays(
      sql::Session& s, absl::string_view term_id);
  // The last day of the term's latest session, if any.
  absl::StatusOr<std::optional<absl::CivilDay>> LastSessionDay(
      sql::Session& s, absl::string_view term_id);
  // How many of the session's votes are open.
  absl::StatusOr<int64_t> OpenVotes(sql::Session& s,
                                    absl::string_view session_id);
};

}  // namespace unionhub::democracy

#endif  // UNIONHUB_SERVICES_DEMOCRACY_CONGRESS_CONGRESS_STORE_H_
