// Collective contracts (集体合同): negotiated by a union with its employer by
// kind (综合, 工资专项, 女职工专项, 劳动安全卫生), with a term of up to five
// years and the workers covered; approved by a vote of the union's congress
// (closed, passed, on a collective-contract agenda item) and in force for
// their term; listed when ending within N days and not renewed; renewed as a
// new draft linked both ways to the contract it renews.
#ifndef UNIONHUB_SERVICES_DEMOCRACY_CONTRACTS_CONTRACTS_H_
#define UNIONHUB_SERVICES_DEMOCRACY_CONTRACTS_CONTRACTS_H_

#include <string>
#include <utility>
#include <vector>

#include "libs/auth/principal.h"
#include "libs/base/clock.h"
#include "libs/base/paging.h"
#include "libs/clients/membership_client.h"
#include "libs/outbox/idempotency.h"
#include "libs/sql/database.h"
#include "services/democracy/contracts/contract_store.h"
#include "services/democracy/meetings/meeting_store.h"

namespace unionhub::democracy {

struct ContractTerms {
  std::string title;
  std::string start_date;
  std::string end_date;
  int workers_covered = 0;
};

struct NewContract {
  std::string organisation_id;
  ContractKind kind = ContractKind::kUnspecified;
  std::string employer;
  ContractTerms terms;
};

class Contracts final {
 public:
  Contracts(sql::Database* db, clients::MembershipClient* membership,
            const Clock* clock)
      : db_(db), membership_(membership), clock_(clock) {}

  absl::StatusOr<CollectiveContract> Create(
      const auth::Caller& caller, const outbox::RequestKey& idempotency,
      const NewContract& request);
  absl::StatusOr<CollectiveContract> Get(const auth::Caller& caller,
                                         absl::string_view id);
  absl::StatusOr<Page<CollectiveContract>> List(
      const auth::Caller& caller, absl::string_view organisation_id,
      ContractKind kind, bool only_in_force, int page_size,
      absl::string_view page_token);
  absl::StatusOr<CollectiveContract> Approve(const auth::Caller& caller,
                                             absl::string_view id,
                                             absl::string_view vote_id,
                                             absl::string_view etag);
  // The new draft and the contract it renews.
  absl::StatusOr<std::pair<CollectiveContract, CollectiveContract>> Renew(
      const auth::Caller& caller, const outbox::RequestKey& idempotency,
      absl::string_view id, const ContractTerms& renewal);
  absl::StatusOr<std::vector<CollectiveContract>> Expiring(
      const auth::Caller& caller, absl::string_view organisation_id,
      int within_days);

 private:
  absl::StatusOr<CollectiveContract> VisibleContract(sql::Session& s,
                                                     const auth::Caller& caller,
                                                     absl::string_view field,
                                                     absl::string_view id);

  sql::Database* db_;
  clients::MembershipClient* membership_;
  ContractStore store_;
  MeetingStore meetings_;
  const Clock* clock_;
};

}  // namespace unionhub::democracy

#endif  // UNIONHUB_SERVICES_DEMOCRACY_CONTRACTS_CONTRACTS_H_
