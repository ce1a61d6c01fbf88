// The work summary service's domain: drafts from the read model, the
// officer's versions saved as they edit, and on reading a version, the
// figures it cites checked against the read model now.
#ifndef UNIONHUB_SERVICES_REPORTING_SUMMARIES_WORK_SUMMARIES_H_
#define UNIONHUB_SERVICES_REPORTING_SUMMARIES_WORK_SUMMARIES_H_

#include <vector>

#include "libs/auth/principal.h"
#include "libs/base/clock.h"
#include "libs/sql/database.h"
#include "services/reporting/summaries/summary.h"

namespace unionhub::reporting {

class WorkSummaries final {
 public:
  WorkSummaries(sql::Database* db, const Clock* clock)
      : db_(db), clock_(clock) {}

  absl::StatusOr<WorkSummary> Draft(const auth::Caller& caller,
                                    const std::string& organisation_id,
                                    int year);
  // A new version from `sections` (as edited); ABORTED when `base_version`
  // is not the latest saved.
  absl::StatusOr<WorkSummary> Save(const auth::Caller& caller,
                                   const std::string& organisation_id, int year,
                                   std::vector<SummarySection> sections,
                                   int base_version);
  // `version` 0: the latest. Cited figures carry their current value.
  absl::StatusOr<WorkSummary> Get(const auth::Caller& caller,
                                  const std::string& organisation_id, int year,
                                  int version);
  // Newest first, without sections.
  absl::StatusOr<std::vector<WorkSummary>> ListVersions(
      const auth::Caller& caller, const std::string& organisation_id, int year);

 private:
  sql::Database* db_;
  const Clock* clock_;
};

}  // namespace unionhub::reporting

#endif  // UNIONHUB_SERVICES_REPORTING_SUMMARIES_WORK_SUMMARIES_H_
