// Mutual-aid insurance (职工互助保障): a union enrols its members in a plan for
// a year (once per person, plan and year; the women's plan for women only),
// records claims on an enrolment for events within its year, and pays them
// out within what is left of the coverage, or refuses them with the reason.
#ifndef UNIONHUB_SERVICES_WELFARE_INSURANCE_INSURANCE_H_
#define UNIONHUB_SERVICES_WELFARE_INSURANCE_INSURANCE_H_

#include <string>
#include <utility>

#include "libs/auth/principal.h"
#include "libs/base/clock.h"
#include "libs/base/paging.h"
#include "libs/clients/membership_client.h"
#include "libs/outbox/idempotency.h"
#include "libs/sql/database.h"
#include "services/welfare/insurance/insurance_store.h"

namespace unionhub::welfare {

struct NewInsuranceEnrolment {
  std::string person_id;
  InsurancePlan plan = InsurancePlan::kUnspecified;
  int year = 0;
  int64_t premium_fen = 0;
  int64_t coverage_fen = 0;
};

struct NewInsuranceClaim {
  std::string enrolment_id;
  std::string event_date;
  std::string description;
  int64_t claimed_fen = 0;
};

class Insurance final {
 public:
  Insurance(sql::Database* db, clients::MembershipClient* membership,
            const Clock* clock)
      : db_(db), membership_(membership), clock_(clock) {}

  absl::StatusOr<InsuranceEnrolment> Enrol(
      const auth::Caller& caller, const outbox::RequestKey& idempotency,
      const NewInsuranceEnrolment& request);
  absl::StatusOr<Page<InsuranceEnrolment>> ListEnrolments(
      const auth::Caller& caller, absl::string_view organisation_id, int year,
      InsurancePlan plan, int page_size, absl::string_view page_token);
  absl::StatusOr<InsuranceClaim> FileClaim(
      const auth::Caller& caller, const outbox::RequestKey& idempotency,
      const NewInsuranceClaim& request);
  // `payout_fen` 0 refuses the claim with `rejection_reason`.
  absl::StatusOr<std::pair<InsuranceClaim, InsuranceEnrolment>> Decide(
      const auth::Caller& caller, absl::string_view id, int64_t payout_fen,
      absl::string_view rejection_reason, absl::string_view decision_date);
  absl::StatusOr<Page<InsuranceClaim>> ListClaims(
      const auth::Caller& caller, absl::string_view organisation_id,
      ClaimStatus status, int page_size, absl::string_view page_token);

 private:
  absl::StatusOr<InsuranceEnrolment> VisibleEnrolment(
      sql::Session& s, const auth::Caller& caller, absl::string_view field,
      absl::string_view id);

  sql::Database* db_;
  clients::MembershipClient* membership_;
  InsuranceStore store_;
  const Clock* clock_;
};

}  // namespace unionhub::welfare

#endif  // UNIONHUB_SERVICES_WELFARE_INSURANCE_INSURANCE_H_
