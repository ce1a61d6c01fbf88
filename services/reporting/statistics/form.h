// The annual statistics form (工会统计年报): its lines, where each comes from
// (figures of the read model, or entered by hand), and the checks a form
// must pass before it is submitted. Pure: no storage.
#ifndef UNIONHUB_SERVICES_REPORTING_STATISTICS_FORM_H_
#define UNIONHUB_SERVICES_REPORTING_STATISTICS_FORM_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"

namespace unionhub::reporting {

enum class FormStatus {
  kDraft = 1,
  kSubmitted = 2,
  kReturned = 3,
  kApproved = 4,
  kExempt = 5,
  kNotStarted = 6,
};

struct FieldDefinition {
  std::string code;
  std::string name_zh;
  // Indicators whose subtree figures (on the statistics year) add up to the
  // line; none: entered by hand.
  std::vector<std::string> indicators;
  bool by_hand() const { return indicators.empty(); }
};

// The lines in the printed order.
const std::vector<FieldDefinition>& FormDefinition();
const FieldDefinition* FindField(const std::string& code);

struct FormField {
  std::string code;
  std::string name_zh;
  int64_t value = 0;
  bool by_hand = false;
  std::string indicator;  // The first source indicator, for tracing.
  std::optional<int64_t> last_year_value;
  std::string explanation;
};

struct FormProblem {
  std::vector<std::string> fields;
  std::string description;
  bool blocking = true;
};

struct FormStep {
  std::string step;
  std::string key_id;
  std::string note;
  absl::Time time;
};

struct StatisticsForm {
  std::string organisation_id;
  std::string organisation_name;
  int year = 0;
  FormStatus status = FormStatus::kDraft;
  bool roll_up = false;
  std::vector<FormField> fields;
  std::vector<FormProblem> problems;
  std::string note;
  std::vector<FormStep> steps;
  std::string etag;
};

// As officers say it: "填报中", "已上报", "已退回", "已审核", "免报", "未填报".
std::string FormStatusName(FormStatus status);

// The logic checks (each naming its fields) and the variance check against
// last year's approved values: a change beyond `variance_basis_points` of
// last year's value needs an explanation. A roll-up is not checked against
// hand fields of its own (it has none).
std::vector<FormProblem> CheckForm(const std::vector<FormField>& fields,
                                   bool roll_up, int variance_basis_points);

}  // namespace unionhub::reporting

#endif  // UNIONHUB_SERVICES_REPORTING_STATISTICS_FORM_H_
