// The union-founding register (建会台账) of an area and the figures computed
// from it: 建会率 (founded / required to found), the reported 组建率 (applied
// or founded / required) and 入会率 (active members of the founded unions /
// their employees).
#ifndef UNIONHUB_SERVICES_MEMBERSHIP_ENTERPRISES_ENTERPRISES_H_
#define UNIONHUB_SERVICES_MEMBERSHIP_ENTERPRISES_ENTERPRISES_H_

#include <optional>

#include "libs/auth/principal.h"
#include "libs/base/clock.h"
#include "libs/outbox/idempotency.h"
#include "libs/sql/database.h"
#include "services/membership/enterprises/enterprise_store.h"
#include "services/membership/store.h"

namespace unionhub::membership {

struct NewEnterprise {
  std::string organisation_id;
  std::string name;
  std::string credit_code;
  int employees = 0;
  bool required_to_found = false;
};

struct EnterprisePatch {
  std::optional<std::string> name;
  std::optional<std::string> credit_code;
  std::optional<int> employees;
  std::optional<bool> required_to_found;
};

struct EnterpriseQuery {
  std::string organisation_id;  // Empty: the caller's own.
  UnionFoundingStatus status = UnionFoundingStatus::kUnspecified;
  bool only_required = false;
  int page_size = 0;
  std::string page_token;
};

class Enterprises final {
 public:
  Enterprises(sql::Database* db, Store* store, const Clock* clock)
      : db_(db), store_(store), clock_(clock) {}

  absl::StatusOr<Enterprise> Create(const auth::Caller& caller,
                                    const outbox::RequestKey& idempotency,
                                    const NewEnterprise& request);
  absl::StatusOr<Enterprise> Get(const auth::Caller& caller,
                                 absl::string_view id);
  absl::StatusOr<Page<Enterprise>> List(const auth::Caller& caller,
                                        const EnterpriseQuery& query);
  absl::StatusOr<Enterprise> Update(const auth::Caller& caller,
                                    absl::string_view id,
                                    const EnterprisePatch& patch,
                                    absl::string_view etag);
  absl::StatusOr<Enterprise> RecordApplication(const auth::Caller& caller,
                                               absl::string_view id,
                                               absl::string_view applied_date,
                                               absl::string_view etag);
  absl::StatusOr<Enterprise> RecordFounded(
      const auth::Caller& caller, absl::string_view id,
      absl::string_view union_organisation_id, absl::string_view founded_date,
      absl::string_view etag);
  absl::StatusOr<FoundingStatistics> Statistics(
      const auth::Caller& caller, absl::string_view organisation_id);

 private:
  absl::StatusOr<Enterprise> Visible(sql::Session& s,
                                     const auth::Caller& caller,
                                     absl::string_view id);
  // Applies `change` to a visible enterprise with a matching etag, saves and
  // records it.
  absl::StatusOr<Enterprise> Change(
      const auth::Caller& caller, absl::string_view id, absl::string_view etag,
      absl::string_view event_type,
      absl::FunctionRef<absl::Status(sql::Session&, Enterprise&)> change);

  sql::Database* db_;
  Store* store_;
  EnterpriseStore enterprises_;
  const Clock* clock_;
};

}  // namespace unionhub::membership

#endif  // UNIONHUB_SERVICES_MEMBERSHIP_ENTERPRISES_ENTERPRISES_H_
