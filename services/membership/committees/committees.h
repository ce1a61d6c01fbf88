// Committee terms and elections (换届选举), by the union election rules: a term
// lasts 3 or 5 years; an election is valid with at least two thirds of the
// eligible voters present; a candidate is elected with votes for from more than
// half of the eligible voters; a term has one chair, one women workers'
// committee director (a woman) and one funds audit director; a member holds one
// position per term.
#ifndef UNIONHUB_SERVICES_MEMBERSHIP_COMMITTEES_COMMITTEES_H_
#define UNIONHUB_SERVICES_MEMBERSHIP_COMMITTEES_COMMITTEES_H_

#include <vector>

#include "libs/auth/principal.h"
#include "libs/base/clock.h"
#include "libs/outbox/idempotency.h"
#include "libs/sql/database.h"
#include "services/membership/committees/committee_store.h"
#include "services/membership/store.h"

namespace unionhub::membership {

struct NewTerm {
  std::string organisation_id;
  std::string start_date;
  int length_years = 0;
  std::string election_date;
  int eligible_voters = 0;
  int voters_present = 0;
  std::string method;
};

class Committees final {
 public:
  Committees(sql::Database* db, Store* store, const Clock* clock)
      : db_(db), store_(store), clock_(clock) {}

  absl::StatusOr<CommitteeTerm> CreateTerm(
      const auth::Caller& caller, const outbox::RequestKey& idempotency,
      const NewTerm& request);
  absl::StatusOr<std::vector<CommitteeTerm>> ListTerms(
      const auth::Caller& caller, absl::string_view organisation_id);
  absl::StatusOr<Officer> ElectOfficer(const auth::Caller& caller,
                                       const outbox::RequestKey& idempotency,
                                       absl::string_view term_id,
                                       absl::string_view member_id,
                                       OfficerPosition position, int votes_for);
  absl::StatusOr<std::vector<Officer>> ListOfficers(const auth::Caller& caller,
                                                    absl::string_view term_id,
                                                    bool include_ended);
  absl::StatusOr<Officer> EndOfficer(const auth::Caller& caller,
                                     absl::string_view id,
                                     absl::string_view end_date,
                                     absl::string_view reason);

 private:
  absl::StatusOr<CommitteeTerm> VisibleTerm(sql::Session& s,
                                            const auth::Caller& caller,
                                            absl::string_view field,
                                            absl::string_view id);

  sql::Database* db_;
  Store* store_;
  CommitteeStore terms_;
  const Clock* clock_;
};

}  // namespace unionhub::membership

#endif  // UNIONHUB_SERVICES_MEMBERSHIP_COMMITTEES_COMMITTEES_H_
