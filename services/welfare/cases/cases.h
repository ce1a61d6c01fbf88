// Letters and visits and rights cases (来信来访, 维权): received by a union
// with a due date from its promise (五日承诺制: five days unless the union, or
// the nearest union above, set another), assigned, escalated to the union above
// when it cannot resolve them, resolved with the outcome and any money
// recovered for the worker, and rated by the complainant.
#ifndef UNIONHUB_SERVICES_WELFARE_CASES_CASES_H_
#define UNIONHUB_SERVICES_WELFARE_CASES_CASES_H_

#include <string>

#include "absl/functional/function_ref.h"
#include "libs/auth/principal.h"
#include "libs/base/clock.h"
#include "libs/base/paging.h"
#include "libs/clients/membership_client.h"
#include "libs/outbox/idempotency.h"
#include "libs/sql/database.h"
#include "services/welfare/cases/case_store.h"

namespace unionhub::welfare {

struct NewCase {
  std::string organisation_id;  // Empty: the caller's own.
  CaseKind kind = CaseKind::kUnspecified;
  CaseChannel channel = CaseChannel::kUnspecified;
  CaseCategory category = CaseCategory::kUnspecified;
  std::string person_id;  // Optional.
  std::string summary;
  std::string received_date;
};

struct CaseQuery {
  std::string organisation_id;  // Empty: the caller's own.
  CaseKind kind = CaseKind::kUnspecified;
  CaseStatus status = CaseStatus::kUnspecified;
  bool only_overdue = false;
  int page_size = 0;
  std::string page_token;
};

class Cases final {
 public:
  static constexpr int kDefaultPromiseDays = 5;

  Cases(sql::Database* db, clients::MembershipClient* membership,
        const Clock* clock)
      : db_(db), membership_(membership), clock_(clock) {}

  absl::StatusOr<Case> Create(const auth::Caller& caller,
                              const outbox::RequestKey& idempotency,
                              const NewCase& request);
  absl::StatusOr<Case> Get(const auth::Caller& caller, absl::string_view id);
  absl::StatusOr<Page<Case>> List(const auth::Caller& caller,
                                  const CaseQuery& query);
  absl::StatusOr<Case> Assign(const auth::Caller& caller, absl::string_view id,
                              absl::string_view assignee,
                              absl::string_view etag);
  absl::StatusOr<Case> Escalate(const auth::Caller& caller,
                                absl::string_view id, absl::string_view reason,
                                absl::string_view etag);
  absl::StatusOr<Case> Resolve(const auth::Caller& caller, absl::string_view id,
                               absl::string_view outcome,
                               int64_t money_recovered_fen,
                               absl::string_view resolved_date,
                               absl::string_view etag);
  absl::StatusOr<Case> Rate(const auth::Caller& caller, absl::string_view id,
                            CaseSatisfaction satisfaction,
                            absl::string_view etag);
  // The days set; the union is the caller's own when `organisation_id` is
  // empty.
  absl::StatusOr<int> SetPromise(const auth::Caller& caller,
                                 absl::string_view organisation_id, int days);

 private:
  using ChangeFn = absl::FunctionRef<absl::Status(sql::Session&, Case&)>;

  absl::StatusOr<Case> Visible(sql::Session& s, const auth::Caller& caller,
                               absl::string_view id);
  // Applies `change` to a case the caller handles (its union in their
  // subtree), with a matching etag; saves it with its event and audit record.
  absl::StatusOr<Case> Change(const auth::Caller& caller, absl::string_view id,
                              absl::string_view etag, absl::string_view event,
                              absl::string_view detail, ChangeFn change);
  // `from` plus the promise in force for the union at `path`.
  absl::StatusOr<absl::CivilDay> DueDate(sql::Session& s,
                                         absl::string_view path,
                                         absl::CivilDay from);

  sql::Database* db_;
  clients::MembershipClient* membership_;
  CaseStore cases_;
  const Clock* clock_;
};

}  // namespace unionhub::welfare

#endif  // UNIONHUB_SERVICES_WELFARE_CASES_CASES_H_
