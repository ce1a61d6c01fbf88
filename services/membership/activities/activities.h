// Activities a union held (sports days, competitions, volunteer service, blood
// donation, health checks, outings ...), who took part with what placing, and
// honours given to members or unions (先进工作者, 模范职工之家 ...).
#ifndef UNIONHUB_SERVICES_MEMBERSHIP_ACTIVITIES_ACTIVITIES_H_
#define UNIONHUB_SERVICES_MEMBERSHIP_ACTIVITIES_ACTIVITIES_H_

#include <vector>

#include "libs/auth/principal.h"
#include "libs/base/clock.h"
#include "libs/outbox/idempotency.h"
#include "libs/sql/database.h"
#include "services/membership/activities/activity_store.h"
#include "services/membership/store.h"

namespace unionhub::membership {

struct NewActivity {
  std::string organisation_id;
  std::string name;
  ActivityKind kind = ActivityKind::kUnspecified;
  std::string start_date;
  std::string end_date;
  std::string location;
  std::string description;
};

struct NewHonour {
  std::string organisation_id;  // Collective honour.
  std::string member_id;        // Personal honour.
  std::string title;
  HonourLevel level = HonourLevel::kUnspecified;
  std::string awarded_by;
  std::string award_date;
};

struct DatedQuery {
  std::string organisation_id;                     // Empty: the caller's own.
  ActivityKind kind = ActivityKind::kUnspecified;  // Activities only.
  int year = 0;
  int page_size = 0;
  std::string page_token;
};

struct ParticipantsAdded {
  int added = 0;
  int updated = 0;
  int participant_count = 0;
};

class Activities final {
 public:
  static constexpr size_t kMaxParticipantsPerCall = 1000;

  Activities(sql::Database* db, Store* store, const Clock* clock)
      : db_(db), store_(store), clock_(clock) {}

  absl::StatusOr<Activity> CreateActivity(const auth::Caller& caller,
                                          const outbox::RequestKey& idempotency,
                                          const NewActivity& request);
  absl::StatusOr<Activity> GetActivity(const auth::Caller& caller,
                                       absl::string_view id);
  absl::StatusOr<Page<Activity>> ListActivities(const auth::Caller& caller,
                                                const DatedQuery& query);
  absl::StatusOr<ParticipantsAdded> AddParticipants(
      const auth::Caller& caller, absl::string_view activity_id,
      const std::vector<Participation>& participants);
  absl::StatusOr<Page<Participation>> ListParticipants(
      const auth::Caller& caller, absl::string_view activity_id, int page_size,
      absl::string_view page_token);
  absl::StatusOr<Honour> RecordHonour(const auth::Caller& caller,
                                      const outbox::RequestKey& idempotency,
                                      const NewHonour& request);
  absl::StatusOr<Page<Honour>> ListHonours(const auth::Caller& caller,
                                           const DatedQuery& query);

 private:
  absl::StatusOr<Activity> VisibleActivity(sql::Session& s,
                                           const auth::Caller& caller,
                                           absl::string_view field,
                                           absl::string_view id);
  // Page size, keyset and subtree of a newest-first list; `kind` names the
  // token.
  absl::StatusOr<DatedFilter> DatedFilterFor(sql::Session& s,
                                             const auth::Caller& caller,
                                             const DatedQuery& query,
                                             char kind);

  sql::Database* db_;
  Store* store_;
  ActivityStore activities_;
  const Clock* clock_;
};

}  // namespace unionhub::membership

#endif  // UNIONHUB_SERVICES_MEMBERSHIP_ACTIVITIES_ACTIVITIES_H_
