// Repository of condolence standards and visits.
#ifndef UNIONHUB_SERVICES_WELFARE_CONDOLENCES_CONDOLENCE_STORE_H_
#define UNIONHUB_SERVICES_WELFARE_CONDOLENCES_CONDOLENCE_STORE_H_

#include <optional>
#include <string>
#include <vector>

#include "libs/sql/database.h"
#include "services/welfare/domain.h"

namespace unionhub::welfare {

struct VisitFilter {
  std::string under_path;
  int year = 0;  // 0: any.
  CondolenceEvent event = CondolenceEvent::kUnspecified;
  std::string person_id;
  std::string before_id;
  int limit = 50;
};

// A person's visits for one event in one year.
struct VisitsOfYear {
  int count = 0;
  int64_t total_fen = 0;
};

class CondolenceStore final {
 public:
  // ALREADY_EXISTS (a storage error) when the union has a standard for the
  // event from that date already.
  absl::Status InsertStandard(sql::Session& s, const CondolenceStandard& c);
  absl::StatusOr<std::optional<CondolenceStandard>> FindStandard(
      sql::Session& s, absl::string_view id);
  // The standards set by any of `organisation_ids` in force on or before
  // `date` (for `event`, or every event when unspecified), newest first.
  absl::StatusOr<std::vector<CondolenceStandard>> StandardsUpTo(
      sql::Session& s, const std::vector<std::string>& organisation_ids,
      CondolenceEvent event, absl::CivilDay date);
  // A union's own standards, newest effective date first, after
  // (effective_date, id) of the previous page.
  absl::StatusOr<std::vector<CondolenceStandard>> ListStandards(
      sql::Session& s, absl::string_view organisation_id, CondolenceEvent event,
      absl::string_view before_date, absl::string_view before_id, int limit);
  // The union's latest standard for the event, if any.
  absl::StatusOr<std::optional<CondolenceStandard>> LatestStandard(
      sql::Session& s, absl::string_view organisation_id,
      CondolenceEvent event);

  absl::Status InsertVisit(sql::Session& s, const CondolenceVisit& v);
  absl::StatusOr<std::optional<CondolenceVisit>> FindVisit(
      sql::Session& s, absl::string_view id);
  absl::StatusOr<std::vector<CondolenceVisit>> ListVisits(sql::Session& s,
                                                          const VisitFilter& f);
  absl::StatusOr<VisitsOfYear> VisitsOf(sql::Session& s,
                                        absl::string_view person_id,
                                        CondolenceEvent event, int year);
};

}  // namespace unionhub::welfare

#endif  // UNIONHUB_SERVICES_WELFARE_CONDOLENCES_CONDOLENCE_STORE_H_
