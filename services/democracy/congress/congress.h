// Congress terms (届) and sessions (次) of a union's 教代会 / 职代会. A term
// runs 3 to 5 years and does not overlap another of its union and kind; it
// carries the rules its representatives' composition is measured against and
// the co-signers a proposal needs. Sessions are numbered in their term
// ("三届三次"), lie within it, and open only after the term's qualification
// review; a session closes once its votes are closed. A term reports the
// years that passed with no session held (at least one a year is the rule).
#ifndef UNIONHUB_SERVICES_DEMOCRACY_CONGRESS_CONGRESS_H_
#define UNIONHUB_SERVICES_DEMOCRACY_CONGRESS_CONGRESS_H_

#include <string>
#include <vector>

#include "libs/auth/principal.h"
#include "libs/base/clock.h"
#include "libs/base/paging.h"
#include "libs/clients/membership_client.h"
#include "libs/outbox/idempotency.h"
#include "libs/sql/database.h"
#include "services/democracy/congress/congress_store.h"

namespace unionhub::democracy {

struct NewTerm {
  std::string organisation_id;
  CongressKind kind = CongressKind::kUnspecified;
  int number = 0;
  std::string start_date;
  std::string end_date;
  int co_signers_required = 0;  // 0: the default, 2.
  std::vector<CompositionRule> composition_rules;
};

// The fields an update sets: each only when its flag is on.
struct TermChange {
  std::string id;
  bool end_date_set = false;
  std::string end_date;
  bool co_signers_set = false;
  int co_signers_required = 0;
  bool rules_set = false;
  std::vector<CompositionRule> composition_rules;
};

struct NewSession {
  std::string term_id;
  std::string start_date;
  std::string end_date;
  std::string proposal_window_start_date;  // Both or neither.
  std::string proposal_window_end_date;
};

// The term `id` if the caller may see it; NOT_FOUND naming `field` otherwise.
absl::StatusOr<CongressTerm> VisibleTerm(CongressStore& store, sql::Session& s,
                                         const auth::Caller& caller,
                                         absl::string_view field,
                                         absl::string_view id);
absl::StatusOr<CongressSession> VisibleSession(CongressStore& store,
                                               sql::Session& s,
                                               const auth::Caller& caller,
                                               absl::string_view field,
                                               absl::string_view id);

class Congress final {
 public:
  Congress(sql::Database* db, clients::MembershipClient* membership,
           const Clock* clock)
      : db_(db), membership_(membership), clock_(clock) {}

  absl::StatusOr<CongressTerm> CreateTerm(const auth::Caller& caller,
                                          const outbox::RequestKey& idempotency,
                                          const NewTerm& request);
  absl::StatusOr<CongressTerm> GetTerm(const auth::Caller& caller,
                                       absl::string_view id);
  absl::StatusOr<Page<CongressTerm>> ListTerms(
      const auth::Caller& caller, absl::string_view organisation_id,
      int page_size, absl::string_view page_token);
  absl::StatusOr<CongressTerm> UpdateTerm(const auth::Caller& caller,
                                          const TermChange& change,
                                          absl::string_view etag);

  absl::StatusOr<CongressSession> CreateSession(
      const auth::Caller& caller, const outbox::RequestKey& idempotency,
      const NewSession& request);
  absl::StatusOr<CongressSession> GetSession(const auth::Caller& caller,
                                             absl::string_view id);
  absl::StatusOr<Page<CongressSession>> ListSessions(
      const auth::Caller& caller, absl::string_view term_id, int page_size,
      absl::string_view page_token);
  absl::StatusOr<CongressSession> OpenSession(const auth::Caller& caller,
                                              absl::string_view id,
                                              absl::string_view etag);
  absl::StatusOr<CongressSession> CloseSession(const auth::Caller& caller,
                                               absl::string_view id,
                                               absl::string_view etag);

 private:
  absl::StatusOr<CongressSession> MoveSession(const auth::Caller& caller,
                                              absl::string_view id,
                                              absl::string_view etag,
                                              SessionStatus to);

  sql::Database* db_;
  clients::MembershipClient* membership_;
  CongressStore store_;
  const Clock* clock_;
};

}  // namespace unionhub::democracy

#endif  // UNIONHUB_SERVICES_DEMOCRACY_CONGRESS_CONGRESS_H_
