// Repository of proposals, their signers (authors and co-signers, in order),
// their history and each union's departments.
#ifndef UNIONHUB_SERVICES_DEMOCRACY_PROPOSALS_PROPOSAL_STORE_H_
#define UNIONHUB_SERVICES_DEMOCRACY_PROPOSALS_PROPOSAL_STORE_H_

#include <optional>
#include <string>
#include <vector>

#include "libs/sql/database.h"
#include "services/democracy/domain.h"

namespace unionhub::democracy {

class ProposalStore final {
 public:
  // The next proposal number of the session, under its row's lock.
  absl::StatusOr<int> NumberNext(sql::Session& s, absl::string_view session_id);
  // With its signers.
  absl::StatusOr<std::optional<Proposal>> Find(sql::Session& s,
                                               absl::string_view id);
  absl::Status Insert(sql::Session& s, const Proposal& p);
  // Everything a step changes (not the signers).
  absl::Status Update(sql::Session& s, const Proposal& p);
  absl::Status ReplaceSigners(sql::Session& s, const Proposal& p);
  // By number; `overdue_on` set keeps those assigned and due before it.
  absl::StatusOr<std::vector<Proposal>> List(
      sql::Session& s, absl::string_view session_id, ProposalStatus status,
      std::optional<absl::CivilDay> overdue_on, int after_number, int limit);
  // Every proposal of the session, without signers (for the figures).
  absl::StatusOr<std::vector<Proposal>> ListAll(sql::Session& s,
                                                absl::string_view session_id);
  // Sets published_date on the session's finished, unpublished proposals;
  // how many.
  absl::StatusOr<int64_t> Publish(sql::Session& s, absl::string_view session_id,
                                  absl::CivilDay day);

  absl::Status AppendStep(sql::Session& s, absl::string_view proposal_id,
                          const ProposalStep& step);
  absl::StatusOr<std::vector<ProposalStep>> ListSteps(
      sql::Session& s, absl::string_view proposal_id);

  absl::StatusOr<std::vector<std::string>> Departments(
      sql::Session& s, absl::string_view organisation_id);
  absl::Status SetDepartments(sql::Session& s,
                              absl::string_view organisation_id,
                              const std::vector<std::string>& names);
};

}  // namespace unionhub::democracy

#endif  // UNIONHUB_SERVICES_DEMOCRACY_PROPOSALS_PROPOSAL_STORE_H_
