// gRPC front of membership's AuditService: the audit log, read through
// libs/outbox, within the caller's subtree.
#ifndef UNIONHUB_SERVICES_MEMBERSHIP_AUDIT_HANDLER_H_
#define UNIONHUB_SERVICES_MEMBERSHIP_AUDIT_HANDLER_H_

#include "libs/outbox/audit_history.h"
#include "services/membership/organisations.h"
#include "unionhub/membership/v1/audit.grpc.pb.h"

namespace unionhub::membership {

// Who changed what in membership: the audit log, read through libs/outbox.
using AuditHandler =
    outbox::AuditHistoryService<v1::AuditService, v1::ListAuditRecordsRequest,
                                v1::ListAuditRecordsResponse>;
// Where an organisation the caller may see lies in the tree, for AuditHandler.
outbox::OrganisationPathOf OrganisationPaths(Organisations* service);

}  // namespace unionhub::membership

#endif  // UNIONHUB_SERVICES_MEMBERSHIP_AUDIT_HANDLER_H_
