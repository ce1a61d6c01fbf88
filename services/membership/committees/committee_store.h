// Repository of committee terms and officers.
#ifndef UNIONHUB_SERVICES_MEMBERSHIP_COMMITTEES_COMMITTEE_STORE_H_
#define UNIONHUB_SERVICES_MEMBERSHIP_COMMITTEES_COMMITTEE_STORE_H_

#include <optional>
#include <vector>

#include "libs/sql/database.h"
#include "services/membership/domain.h"

namespace unionhub::membership {

class CommitteeStore final {
 public:
  absl::StatusOr<std::optional<CommitteeTerm>> FindTerm(sql::Session& s,
                                                        absl::string_view id);
  // The sitting term of an organisation, if any.
  absl::StatusOr<std::optional<CommitteeTerm>> FindCurrentTerm(
      sql::Session& s, absl::string_view organisation_id);
  // Newest first.
  absl::StatusOr<std::vector<CommitteeTerm>> ListTerms(
      sql::Session& s, absl::string_view organisation_id);
  absl::Status InsertTerm(sql::Session& s, const CommitteeTerm& t);
  absl::Status EndTerm(sql::Session& s, absl::string_view id,
                       absl::CivilDay end_date);

  absl::StatusOr<std::optional<Officer>> FindOfficer(sql::Session& s,
                                                     absl::string_view id);
  // By position, then name; the name comes from the member row.
  absl::StatusOr<std::vector<Officer>> ListOfficers(sql::Session& s,
                                                    absl::string_view term_id,
                                                    bool include_ended);
  absl::Status InsertOfficer(sql::Session& s, const Officer& o, absl::Time now);
  absl::Status EndOfficer(sql::Session& s, const Officer& o);
};

}  // namespace unionhub::membership

#endif  // UNIONHUB_SERVICES_MEMBERSHIP_COMMITTEES_COMMITTEE_STORE_H_
