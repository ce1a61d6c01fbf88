// Funds for aid (专项资金), per union and year, each with a budget. What is
// approved and paid from a fund never exceeds its budget (applications.h
// commits and pays through AidStore's conditional updates).
#ifndef UNIONHUB_SERVICES_WELFARE_AID_FUNDS_H_
#define UNIONHUB_SERVICES_WELFARE_AID_FUNDS_H_

#include <optional>
#include <string>

#include "libs/auth/principal.h"
#include "libs/base/clock.h"
#include "libs/base/paging.h"
#include "libs/clients/membership_client.h"
#include "libs/outbox/idempotency.h"
#include "libs/sql/database.h"
#include "services/welfare/aid/aid_store.h"

namespace unionhub::welfare {

struct NewFund {
  std::string organisation_id;
  int year = 0;
  std::string name;
  int64_t budget_fen = 0;
};

struct FundPatch {
  std::optional<std::string> name;
  std::optional<int64_t> budget_fen;
};

class Funds final {
 public:
  Funds(sql::Database* db, clients::MembershipClient* membership,
        const Clock* clock)
      : db_(db), membership_(membership), clock_(clock) {}

  absl::StatusOr<Fund> Create(const auth::Caller& caller,
                              const outbox::RequestKey& idempotency,
                              const NewFund& request);
  absl::StatusOr<Fund> Get(const auth::Caller& caller, absl::string_view id);
  absl::StatusOr<Page<Fund>> List(const auth::Caller& caller,
                                  absl::string_view organisation_id, int year,
                                  int page_size, absl::string_view page_token);
  absl::StatusOr<Fund> Update(const auth::Caller& caller, absl::string_view id,
                              const FundPatch& patch, absl::string_view etag);

 private:
  sql::Database* db_;
  clients::MembershipClient* membership_;
  AidStore aid_;
  const Clock* clock_;
};

// The fund `id` if the caller's subtree holds it, else NOT_FOUND naming
// `field`.
absl::StatusOr<Fund> VisibleFund(AidStore& aid, sql::Session& s,
                                 const auth::Caller& caller,
                                 absl::string_view field, absl::string_view id);

}  // namespace unionhub::welfare

#endif  // UNIONHUB_SERVICES_WELFARE_AID_FUNDS_H_
