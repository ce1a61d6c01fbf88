// Repository of insurance enrolments and claims. Payouts move an enrolment's
// paid_out by a conditional UPDATE, never past its coverage.
#ifndef UNIONHUB_SERVICES_WELFARE_INSURANCE_INSURANCE_STORE_H_
#define UNIONHUB_SERVICES_WELFARE_INSURANCE_INSURANCE_STORE_H_

#include <optional>
#include <string>
#include <vector>

#include "libs/sql/database.h"
#include "services/welfare/domain.h"

namespace unionhub::welfare {

class InsuranceStore final {
 public:
  absl::StatusOr<std::optional<InsuranceEnrolment>> FindEnrolment(
      sql::Session& s, absl::string_view id);
  // ALREADY_EXISTS (a storage error) for a second enrolment of the person in
  // the plan and year.
  absl::Status InsertEnrolment(sql::Session& s, const InsuranceEnrolment& e);
  absl::StatusOr<std::vector<InsuranceEnrolment>> ListEnrolments(
      sql::Session& s, absl::string_view under_path, int year,
      InsurancePlan plan, absl::string_view before_id, int limit);
  // Adds a payout if it stays within the coverage; false when it would not.
  absl::StatusOr<bool> PayOut(sql::Session& s, absl::string_view enrolment_id,
                              int64_t fen);

  absl::StatusOr<std::optional<InsuranceClaim>> FindClaim(sql::Session& s,
                                                          absl::string_view id);
  absl::Status InsertClaim(sql::Session& s, const InsuranceClaim& c);
  absl::Status UpdateClaim(sql::Session& s, const InsuranceClaim& c);
  absl::StatusOr<std::vector<InsuranceClaim>> ListClaims(
      sql::Session& s, absl::string_view under_path, ClaimStatus status,
      absl::string_view before_id, int limit);
};

}  // namespace unionhub::welfare

#endif  // UNIONHUB_SERVICES_WELFARE_INSURANCE_INSURANCE_STORE_H_
