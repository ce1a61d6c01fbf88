// The audit log read back: every service serves its own AuditService (in its
// own package, so the gateway routes it like the rest of the service) with the
// one implementation here. An officer asks for the records of one changed
// record ("who changed this member's status"), or of an organisation's subtree
// in a time range; the answer is newest first, paged, and never reaches
// outside the caller's subtree.
#ifndef UNIONHUB_LIBS_OUTBOX_AUDIT_HISTORY_H_
#define UNIONHUB_LIBS_OUTBOX_AUDIT_HISTORY_H_

#include <functional>
#include <string>

#include "absl/status/statusor.h"
#include "libs/auth/principal.h"
#include "libs/base/paging.h"
#include "libs/rpc/call.h"
#include "libs/sql/database.h"
#include "unionhub/audit/v1/audit.pb.h"

namespace unionhub::outbox {

// The path of an organisation the caller may see, NOT_FOUND (naming `field`)
// for one outside their subtree: membership looks in its own tables, other
// services ask membership (libs/clients).
using OrganisationPathOf = std::function<absl::StatusOr<std::string>(
    const auth::Caller& caller, absl::string_view field,
    const std::string& organisation_id)>;

// Union and federation admins only (PERMISSION_DENIED otherwise); a malformed
// query is INVALID_ARGUMENT naming `query.<field>`.
absl::StatusOr<Page<audit::v1::AuditRecord>> ListAuditRecords(
    sql::Database& db, const OrganisationPathOf& path_of,
    const auth::Caller& caller, const audit::v1::AuditQuery& query,
    int page_size, const std::string& page_token);

// A service's AuditService, e.g.
//   outbox::AuditHistoryService<v1::AuditService, v1::ListAuditRecordsRequest,
//                               v1::ListAuditRecordsResponse>
template <typename Service, typename Request, typename Response>
class AuditHistoryService final : public Service::CallbackService {
 public:
  AuditHistoryService(sql::Database* db, OrganisationPathOf path_of,
                      rpc::CallEnv env)
      : db_(db), path_of_(std::move(path_of)), env_(env) {}

  grpc::ServerUnaryReactor* ListAuditRecords(
      grpc::CallbackServerContext* context, const Request* request,
      Response* response) override {
    return rpc::Unary(context, request, response, env_,
                      [=](const auth::Caller& caller) -> absl::Status {
                        auto page = outbox::ListAuditRecords(
                            *db_, path_of_, caller, request->query(),
                            request->page_size(), request->page_token());
                        if (!page.ok()) return page.status();
                        for (auto& r : page->items)
                          *response->add_records() = std::move(r);
                        response->set_next_page_token(page->next_page_token);
                        return absl::OkStatus();
                      });
  }

 private:
  sql::Database* db_;
  OrganisationPathOf path_of_;
  rpc::CallEnv env_;
};

}  // namespace unionhub::outbox

#endif  // UNIONHUB_LIBS_OUTBOX_AUDIT_HISTORY_H_
