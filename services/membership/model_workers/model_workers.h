// The model-worker archive (劳模电子档案): honours of members by level, and the
// causes of hardship the federation tracks for model workers in difficulty.
#ifndef UNIONHUB_SERVICES_MEMBERSHIP_MODEL_WORKERS_MODEL_WORKERS_H_
#define UNIONHUB_SERVICES_MEMBERSHIP_MODEL_WORKERS_MODEL_WORKERS_H_

#include <optional>

#include "libs/auth/principal.h"
#include "libs/base/clock.h"
#include "libs/outbox/idempotency.h"
#include "libs/sql/database.h"
#include "services/membership/model_workers/model_worker_store.h"
#include "services/membership/store.h"

namespace unionhub::membership {

struct NewModelWorker {
  std::string member_id;
  ModelWorkerLevel level = ModelWorkerLevel::kUnspecified;
  std::string title;
  int award_year = 0;
  std::vector<HardshipCause> hardship_causes;
  std::string notes;
};

struct ModelWorkerPatch {
  std::optional<ModelWorkerLevel> level;
  std::optional<std::string> title;
  std::optional<int> award_year;
  std::optional<std::vector<HardshipCause>> hardship_causes;
  std::optional<std::string> notes;
};

struct ModelWorkerQuery {
  std::string organisation_id;  // Empty: the caller's own.
  ModelWorkerLevel level = ModelWorkerLevel::kUnspecified;
  bool only_in_hardship = false;
  int page_size = 0;
  std::string page_token;
};

class ModelWorkers final {
 public:
  ModelWorkers(sql::Database* db, Store* store, const Clock* clock)
      : db_(db), store_(store), clock_(clock) {}

  absl::StatusOr<ModelWorker> Create(const auth::Caller& caller,
                                     const outbox::RequestKey& idempotency,
                                     const NewModelWorker& request);
  absl::StatusOr<ModelWorker> Get(const auth::Caller& caller,
                                  absl::string_view id);
  absl::StatusOr<Page<ModelWorker>> List(const auth::Caller& caller,
                                         const ModelWorkerQuery& query);
  absl::StatusOr<ModelWorker> Update(const auth::Caller& caller,
                                     absl::string_view id,
                                     const ModelWorkerPatch& patch,
                                     absl::string_view etag);

 private:
  absl::StatusOr<ModelWorker> Visible(sql::Session& s,
                                      const auth::Caller& caller,
                                      absl::string_view id);

  sql::Database* db_;
  Store* store_;
  ModelWorkerStore archive_;
  const Clock* clock_;
};

}  // namespace unionhub::membership

#endif  // UNIONHUB_SERVICES_MEMBERSHIP_MODEL_WORKERS_MODEL_WORKERS_H_
