// SQL of the statistics forms over libs/sql.
#ifndef UNIONHUB_SERVICES_REPORTING_STATISTICS_STATISTICS_STORE_H_
#define UNIONHUB_SERVICES_REPORTING_STATISTICS_STATISTICS_STORE_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "libs/sql/database.h"
#include "services/reporting/statistics/form.h"

namespace unionhub::reporting {

struct StoredForm {
  std::string organisation_id;
  int year = 0;
  std::string organisation_path;
  FormStatus status = FormStatus::kDraft;
  std::string note;
  std::string etag;
  absl::Time update_time;
  std::map<std::string, int64_t> hand;    // As entered.
  std::map<std::string, int64_t> frozen;  // As submitted.
  std::map<std::string, std::string> explanations;
};

absl::StatusOr<std::optional<StoredForm>> FindForm(sql::Session& s,
                                                   const std::string& id,
                                                   int year);
// Writes the form row, its values and explanations (replacing what was
// stored).
absl::Status SaveForm(sql::Session& s, const StoredForm& form);
absl::Status AddFormStep(sql::Session& s, const std::string& id, int year,
                         const FormStep& step);
absl::StatusOr<std::vector<FormStep>> FormSteps(sql::Session& s,
                                                const std::string& id,
                                                int year);
// The stored forms of `parent_id`'s children for `year`, by child id.
absl::StatusOr<std::map<std::string, StoredForm>> ChildForms(
    sql::Session& s, const std::string& parent_id, int year);

}  // namespace unionhub::reporting

#endif  // UNIONHUB_SERVICES_REPORTING_STATISTICS_STATISTICS_STORE_H_
