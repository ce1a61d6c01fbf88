// Democratic evaluation (民主评议 / 测评): a round at a session rates named
// leaders 优秀 / 称职 / 基本称职 / 不称职. Each seated representative of the
// term casts one ballot rating every leader. The ballot is anonymous: casting
// marks the voter as having voted and adds one to each leader's count of the
// rating given, and nothing else; no stored record, event, audit entry or log
// line holds both (nor a time or order that would join them), and the call
// takes no request_id, whose stored fingerprint would. Results are readable
// only once the round is closed.
#ifndef UNIONHUB_SERVICES_DEMOCRACY_EVALUATIONS_EVALUATIONS_H_
#define UNIONHUB_SERVICES_DEMOCRACY_EVALUATIONS_EVALUATIONS_H_

#include <string>
#include <utility>
#include <vector>

#include "libs/auth/principal.h"
#include "libs/base/clock.h"
#include "libs/base/paging.h"
#include "libs/outbox/idempotency.h"
#include "libs/sql/database.h"
#include "services/democracy/congress/congress_store.h"
#include "services/democracy/evaluations/evaluation_store.h"
#include "services/democracy/representatives/representative_store.h"

namespace unionhub::democracy {

struct NewEvaluationRound {
  std::string session_id;
  std::string title;
  std::vector<EvaluatedLeader> leaders;
};

class Evaluations final {
 public:
  Evaluations(sql::Database* db, const Clock* clock) : db_(db), clock_(clock) {}

  absl::StatusOr<EvaluationRound> Create(const auth::Caller& caller,
                                         const outbox::RequestKey& idempotency,
                                         const NewEvaluationRound& request);
  absl::StatusOr<EvaluationRound> Get(const auth::Caller& caller,
                                      absl::string_view id);
  absl::StatusOr<Page<EvaluationRound>> List(const auth::Caller& caller,
                                             absl::string_view session_id,
                                             int page_size,
                                             absl::string_view page_token);
  // The ballots cast so far in the round.
  absl::StatusOr<int> Cast(const auth::Caller& caller,
                           absl::string_view round_id,
                           absl::string_view representative_id,
                           const std::vector<EvaluationRating>& ratings);
  absl::StatusOr<EvaluationRound> Close(const auth::Caller& caller,
                                        absl::string_view id);
  absl::StatusOr<std::pair<EvaluationRound, std::vector<LeaderResult>>> Results(
      const auth::Caller& caller, absl::string_view round_id);

 private:
  absl::StatusOr<EvaluationRound> VisibleRound(sql::Session& s,
                                               const auth::Caller& caller,
                                               absl::string_view field,
                                               absl::string_view id);

  sql::Database* db_;
  CongressStore congress_;
  RepresentativeStore representatives_;
  EvaluationStore store_;
  const Clock* clock_;
};

}  // namespace unionhub::democracy

#endif  // UNIONHUB_SERVICES_DEMOCRACY_EVALUATIONS_EVALUATIONS_H_
