// The annual statistics report (工会统计年报): a grassroots union's form comes
// from its figures for the statistics year and a few fields entered by hand;
// any other union's is the roll-up of its children's approved forms. A union
// submits its own form once the checks pass; the parent (or a union above
// it) approves it or returns it with a reason, or marks a child exempt; a
// roll-up is submitted and approved only once every child is approved or
// exempt. Every step is kept with who did it, and audited.
#ifndef UNIONHUB_SERVICES_REPORTING_STATISTICS_STATISTICS_H_
#define UNIONHUB_SERVICES_REPORTING_STATISTICS_STATISTICS_H_

#include <map>
#include <string>
#include <vector>

#include "libs/auth/principal.h"
#include "libs/base/clock.h"
#include "libs/sql/database.h"
#include "services/reporting/projection/projection.h"
#include "services/reporting/statistics/form.h"

namespace unionhub::reporting {

struct StatisticsOptions {
  int statistics_first_month = 10;
  // A line that moved more than this share (basis points) from last year's
  // approved value needs an explanation.
  int variance_basis_points = 2000;
};

struct ChildFormStatus {
  OrganisationRecord organisation;
  FormStatus status = FormStatus::kNotStarted;
  std::optional<absl::Time> update_time;
};

struct ChildFormList {
  std::vector<ChildFormStatus> children;
  int done = 0;  // Approved or exempt.
};

class Statistics final {
 public:
  Statistics(sql::Database* db, StatisticsOptions options, const Clock* clock)
      : db_(db), options_(options), clock_(clock) {}

  absl::StatusOr<StatisticsForm> Get(const auth::Caller& caller,
                                     const std::string& organisation_id,
                                     int year);
  absl::StatusOr<StatisticsForm> Update(
      const auth::Caller& caller, const std::string& organisation_id, int year,
      const std::map<std::string, int64_t>& hand_values,
      const std::map<std::string, std::string>& explanations,
      const std::string& etag);
  absl::StatusOr<StatisticsForm> Submit(const auth::Caller& caller,
                                        const std::string& organisation_id,
                                        int year, const std::string& etag);
  absl::StatusOr<StatisticsForm> Review(const auth::Caller& caller,
                                        const std::string& organisation_id,
                                        int year, bool approve,
                                        const std::string& reason,
                                        const std::string& etag);
  absl::StatusOr<StatisticsForm> Exempt(const auth::Caller& caller,
                                        const std::string& organisation_id,
                                        int year, const std::string& reason);
  absl::StatusOr<ChildFormList> ListChildren(const auth::Caller& caller,
                                             const std::string& organisation_id,
                                             int year);

 private:
  sql::Database* db_;
  StatisticsOptions options_;
  const Clock* clock_;
};

}  // namespace unionhub::reporting

#endif  // UNIONHUB_SERVICES_REPORTING_STATISTICS_STATISTICS_H_
