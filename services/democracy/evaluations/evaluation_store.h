// Repository of evaluation rounds: their leaders, who has voted, and the
// count of each rating per leader. No method takes a voter and a rating
// together: casting is two calls that share nothing but the round.
#ifndef UNIONHUB_SERVICES_DEMOCRACY_EVALUATIONS_EVALUATION_STORE_H_
#define UNIONHUB_SERVICES_DEMOCRACY_EVALUATIONS_EVALUATION_STORE_H_

#include <optional>
#include <string>
#include <vector>

#include "libs/sql/database.h"
#include "services/democracy/domain.h"

namespace unionhub::democracy {

class EvaluationStore final {
 public:
  // With its leaders and ballot count.
  absl::StatusOr<std::optional<EvaluationRound>> Find(sql::Session& s,
                                                      absl::string_view id);
  // The round, its leaders, and a zero count for every leader and rating.
  absl::Status Insert(sql::Session& s, const EvaluationRound& r);
  absl::Status Close(sql::Session& s, const EvaluationRound& r);
  absl::StatusOr<std::vector<EvaluationRound>> List(
      sql::Session& s, absl::string_view session_id, absl::string_view after_id,
      int limit);

  // ALREADY_EXISTS (a storage error) when the representative has voted.
  absl::Status MarkVoted(sql::Session& s, absl::string_view round_id,
                         absl::string_view representative_id);
  // +1 on each leader's count of the rating given, in leader order.
  absl::Status Count(sql::Session& s, absl::string_view round_id,
                     const std::vector<EvaluationRating>& ratings);
  absl::StatusOr<std::vector<LeaderResult>> Results(sql::Session& s,
                                                    const EvaluationRound& r);
};

}  // namespace unionhub::democracy

#endif  // UNIONHUB_SERVICES_DEMOCRACY_EVALUATIONS_EVALUATION_STORE_H_
