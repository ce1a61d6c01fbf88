// gRPC front of democracy's AuditService: the audit log, read through
// libs/outbox, within the caller's subtree (organisations asked of
// membership: clients::OrganisationPaths).
#ifndef UNIONHUB_SERVICES_DEMOCRACY_AUDIT_HANDLER_H_
#define UNIONHUB_SERVICES_DEMOCRACY_AUDIT_HANDLER_H_

#include "libs/outbox/audit_history.h"
#include "unionhub/democracy/v1/audit.grpc.pb.h"

namespace unionhub::democracy {

using AuditHandler =
    outbox::AuditHistoryService<v1::AuditService, v1::ListAuditRecordsRequest,
                                v1::ListAuditRecordsResponse>;

}  // namespace unionhub::democracy

#endif  // UNIONHUB_SERVICES_DEMOCRACY_AUDIT_HANDLER_H_
