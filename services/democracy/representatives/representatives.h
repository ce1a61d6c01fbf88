// The representatives (代表) of a congress term. Each is an active member of
// the union's subtree when elected (asked of membership, as the caller), sits
// once per term, and stands for a group and a delegation; sex and age band
// come from membership. The qualification review (代表资格审查) seats or
// refuses each elected representative, and the term's review is complete
// only when none awaits it. A mandate that ends during the term (retired,
// moved) keeps its row, with the successor linked both ways. The composition
// counts the seated against the term's rules.
#ifndef UNIONHUB_SERVICES_DEMOCRACY_REPRESENTATIVES_REPRESENTATIVES_H_
#define UNIONHUB_SERVICES_DEMOCRACY_REPRESENTATIVES_REPRESENTATIVES_H_

#include <optional>
#include <string>
#include <utility>

#include "libs/auth/principal.h"
#include "libs/base/clock.h"
#include "libs/base/paging.h"
#include "libs/clients/membership_client.h"
#include "libs/outbox/idempotency.h"
#include "libs/sql/database.h"
#include "services/democracy/congress/congress_store.h"
#include "services/democracy/representatives/representative_store.h"

namespace unionhub::democracy {

struct NewRepresentative {
  std::string term_id;
  std::string person_id;
  RepresentativeGroup group = RepresentativeGroup::kUnspecified;
  std::string delegation;
  std::string elected_date;
};

struct Successor {
  std::string person_id;
  RepresentativeGroup group = RepresentativeGroup::kUnspecified;
  std::string delegation;
};

struct Replacement {
  Representative ended;
  std::optional<Representative> successor;
};

class Representatives final {
 public:
  Representatives(sql::Database* db, clients::MembershipClient* membership,
                  const Clock* clock)
      : db_(db), membership_(membership), clock_(clock) {}

  absl::StatusOr<Representative> Elect(const auth::Caller& caller,
                                       const outbox::RequestKey& idempotency,
                                       const NewRepresentative& request);
  absl::StatusOr<Representative> Get(const auth::Caller& caller,
                                     absl::string_view id);
  absl::StatusOr<Page<Representative>> List(const auth::Caller& caller,
                                            absl::string_view term_id,
                                            RepresentativeStatus status,
                                            absl::string_view delegation,
                                            int page_size,
                                            absl::string_view page_token);
  absl::StatusOr<Representative> Review(const auth::Caller& caller,
                                        absl::string_view id, bool qualified,
                                        absl::string_view note,
                                        absl::string_view etag);
  absl::StatusOr<CongressTerm> CompleteReview(const auth::Caller& caller,
                                              absl::string_view term_id,
                                              absl::string_view review_date,
                                              absl::string_view report,
                                              absl::string_view etag);
  // Ends mandate `id` on `end_date`; seats `successor` (elected that day,
  // awaiting review) when one is named.
  absl::StatusOr<Replacement> Replace(
      const auth::Caller& caller, const outbox::RequestKey& idempotency,
      absl::string_view id, absl::string_view end_date,
      absl::string_view reason, const std::optional<Successor>& successor);
  absl::StatusOr<Composition> GetComposition(const auth::Caller& caller,
                                             absl::string_view term_id);

 private:
  // What membership says of a candidate: an active member of the term's
  // union (or a union under it), as a woman or not, in an age band.
  struct Candidate {
    bool woman = false;
    AgeBand age_band = AgeBand::kUnspecified;
  };
  absl::StatusOr<Candidate> CheckCandidate(const auth::Caller& caller,
                                           absl::string_view field,
                                           absl::string_view person_id,
                                           const CongressTerm& term);
  absl::StatusOr<Representative> VisibleRepresentative(
      sql::Session& s, const auth::Caller& caller, absl::string_view field,
      absl::string_view id);

  sql::Database* db_;
  clients::MembershipClient* membership_;
  CongressStore congress_;
  RepresentativeStore store_;
  const Clock* clock_;
};

}  // namespace unionhub::democracy

#endif  // UNIONHUB_SERVICES_DEMOCRACY_REPRESENTATIVES_REPRESENTATIVES_H_
