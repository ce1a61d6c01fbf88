// Condolence standards and visits (四看望 and 慰问). Each union sets its own
// standard per event (amount or range, who pays, cash or in kind, yearly caps
// per member), versioned by the date it takes effect; a union without one
// follows the nearest union above it that has one. A visit applies the
// standard in force for the member's union on the visit's date and is refused,
// naming the rule, when it breaks it; a visit keeps the standard it was
// recorded under, so later standards change nothing recorded.
#ifndef UNIONHUB_SERVICES_WELFARE_CONDOLENCES_CONDOLENCES_H_
#define UNIONHUB_SERVICES_WELFARE_CONDOLENCES_CONDOLENCES_H_

#include <string>
#include <vector>

#include "libs/auth/principal.h"
#include "libs/base/clock.h"
#include "libs/base/paging.h"
#include "libs/clients/membership_client.h"
#include "libs/outbox/idempotency.h"
#include "libs/sql/database.h"
#include "services/welfare/condolences/condolence_store.h"

namespace unionhub::welfare {

struct NewCondolenceStandard {
  std::string organisation_id;
  CondolenceEvent event = CondolenceEvent::kUnspecified;
  std::string effective_date;
  int64_t min_amount_fen = 0;
  int64_t max_amount_fen = 0;
  PayingLevel paying_level = PayingLevel::kUnspecified;
  CondolenceForm form = CondolenceForm::kUnspecified;
  int max_visits_per_year = 0;
  int64_t max_fen_per_year = 0;
};

struct NewCondolenceVisit {
  std::string person_id;
  CondolenceEvent event = CondolenceEvent::kUnspecified;
  std::string visit_date;
  int64_t amount_fen = 0;
  std::string note;
};

struct CondolenceVisitQuery {
  std::string organisation_id;  // Empty: the caller's own.
  int year = 0;
  CondolenceEvent event = CondolenceEvent::kUnspecified;
  std::string person_id;
  int page_size = 0;
  std::string page_token;
};

class Condolences final {
 public:
  Condolences(sql::Database* db, clients::MembershipClient* membership,
              const Clock* clock)
      : db_(db), membership_(membership), clock_(clock) {}

  absl::StatusOr<CondolenceStandard> CreateStandard(
      const auth::Caller& caller, const outbox::RequestKey& idempotency,
      const NewCondolenceStandard& request);
  absl::StatusOr<Page<CondolenceStandard>> ListStandards(
      const auth::Caller& caller, absl::string_view organisation_id,
      CondolenceEvent event, int page_size, absl::string_view page_token);
  // One per event with a standard in force on `date` (empty: today), by event.
  absl::StatusOr<std::vector<CondolenceStandard>> EffectiveStandards(
      const auth::Caller& caller, absl::string_view organisation_id,
      absl::string_view date);
  absl::StatusOr<CondolenceVisit> RecordVisit(
      const auth::Caller& caller, const outbox::RequestKey& idempotency,
      const NewCondolenceVisit& request);
  absl::StatusOr<CondolenceVisit> GetVisit(const auth::Caller& caller,
                                           absl::string_view id);
  absl::StatusOr<Page<CondolenceVisit>> ListVisits(
      const auth::Caller& caller, const CondolenceVisitQuery& query);

 private:
  // The standards in force on `date` for the union at `path`: for each event,
  // the one of the deepest union on the path that has one, its latest.
  absl::StatusOr<std::vector<CondolenceStandard>> InForce(
      sql::Session& s, absl::string_view path, CondolenceEvent event,
      absl::CivilDay date);

  sql::Database* db_;
  clients::MembershipClient* membership_;
  CondolenceStore standards_;
  const Clock* clock_;
};

}  // namespace unionhub::welfare

#endif  // UNIONHUB_SERVICES_WELFARE_CONDOLENCES_CONDOLENCES_H_
