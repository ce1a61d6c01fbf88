// Repository of the model-worker archive.
#ifndef UNIONHUB_SERVICES_MEMBERSHIP_MODEL_WORKERS_MODEL_WORKER_STORE_H_
#define UNIONHUB_SERVICES_MEMBERSHIP_MODEL_WORKERS_MODEL_WORKER_STORE_H_

#include <optional>
#include <vector>

#include "libs/sql/database.h"
#include "services/membership/domain.h"

namespace unionhub::membership {

struct ModelWorkerFilter {
  std::string under_path;
  ModelWorkerLevel level = ModelWorkerLevel::kUnspecified;
  bool only_in_hardship = false;
  std::string after_name;  // Keyset: after (after_name, after_id).
  std::string after_id;
  int limit = 50;
};

class ModelWorkerStore final {
 public:
  absl::StatusOr<std::optional<ModelWorker>> Find(sql::Session& s,
                                                  absl::string_view id);
  // ALREADY_EXISTS (a storage error) when the member has this title already.
  absl::Status Insert(sql::Session& s, const ModelWorker& w);
  absl::Status Update(sql::Session& s, const ModelWorker& w);
  absl::StatusOr<std::vector<ModelWorker>> List(sql::Session& s,
                                                const ModelWorkerFilter& f);
};

}  // namespace unionhub::membership

#endif  // UNIONHUB_SERVICES_MEMBERSHIP_MODEL_WORKERS_MODEL_WORKER_STORE_H_
