// Repository of activities, participation and honours.
#ifndef UNIONHUB_SERVICES_MEMBERSHIP_ACTIVITIES_ACTIVITY_STORE_H_
#define UNIONHUB_SERVICES_MEMBERSHIP_ACTIVITIES_ACTIVITY_STORE_H_

#include <optional>
#include <vector>

#include "libs/sql/database.h"
#include "services/membership/domain.h"

namespace unionhub::membership {

// Newest first: keyset after (before_date, before_id) going back in time.
struct DatedFilter {
  std::string under_path;
  int year = 0;             // 0: any year.
  int kind = 0;             // Activities only; 0: any kind.
  std::string before_date;  // Keyset position; empty for the first page.
  std::string before_id;
  int limit = 50;
};

class ActivityStore final {
 public:
  absl::StatusOr<std::optional<Activity>> FindActivity(sql::Session& s,
                                                       absl::string_view id);
  absl::Status InsertActivity(sql::Session& s, const Activity& a);
  absl::StatusOr<std::vector<Activity>> ListActivities(sql::Session& s,
                                                       const DatedFilter& f);

  enum class Put { kAdded, kUpdated, kUnchanged };
  // Inserts one participation, or replaces its award and note.
  absl::StatusOr<Put> PutParticipation(sql::Session& s, const Participation& p);
  // By member name, then id; keyset after (after_name, after_id).
  absl::StatusOr<std::vector<Participation>> ListParticipations(
      sql::Session& s, absl::string_view activity_id,
      absl::string_view after_name, absl::string_view after_id, int limit);

  absl::StatusOr<std::optional<Honour>> FindHonour(sql::Session& s,
                                                   absl::string_view id);
  absl::Status InsertHonour(sql::Session& s, const Honour& h);
  absl::StatusOr<std::vector<Honour>> ListHonours(sql::Session& s,
                                                  const DatedFilter& f);
};

}  // namespace unionhub::membership

#endif  // UNIONHUB_SERVICES_MEMBERSHIP_ACTIVITIES_ACTIVITY_STORE_H_
