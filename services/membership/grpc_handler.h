// gRPC front of the membership service: proto in, domain call, proto out.
// Personal data is masked here, by the caller's role.
#ifndef UNIONHUB_SERVICES_MEMBERSHIP_GRPC_HANDLER_H_
#define UNIONHUB_SERVICES_MEMBERSHIP_GRPC_HANDLER_H_

#include "libs/outbox/audit_history.h"
#include "libs/rpc/call.h"
#include "services/membership/activity_service.h"
#include "services/membership/committee_service.h"
#include "services/membership/enterprise_service.h"
#include "services/membership/membership_service.h"
#include "services/membership/model_worker_service.h"
#include "unionhub/membership/v1/activities.grpc.pb.h"
#include "unionhub/membership/v1/audit.grpc.pb.h"
#include "unionhub/membership/v1/committees.grpc.pb.h"
#include "unionhub/membership/v1/enterprises.grpc.pb.h"
#include "unionhub/membership/v1/members.grpc.pb.h"
#include "unionhub/membership/v1/model_workers.grpc.pb.h"
#include "unionhub/membership/v1/organisations.grpc.pb.h"

namespace unionhub::membership {

class OrganisationHandler final
    : public v1::OrganisationService::CallbackService {
 public:
  OrganisationHandler(MembershipService* service, rpc::CallEnv env)
      : service_(service), env_(env) {}

  grpc::ServerUnaryReactor* CreateOrganisation(
      grpc::CallbackServerContext* context,
      const v1::CreateOrganisationRequest* request,
      v1::CreateOrganisationResponse* response) override;
  grpc::ServerUnaryReactor* GetOrganisation(
      grpc::CallbackServerContext* context,
      const v1::GetOrganisationRequest* request,
      v1::GetOrganisationResponse* response) override;
  grpc::ServerUnaryReactor* ListOrganisations(
      grpc::CallbackServerContext* context,
      const v1::ListOrganisationsRequest* request,
      v1::ListOrganisationsResponse* response) override;
  grpc::ServerUnaryReactor* UpdateOrganisation(
      grpc::CallbackServerContext* context,
      const v1::UpdateOrganisationRequest* request,
      v1::UpdateOrganisationResponse* response) override;
  grpc::ServerUnaryReactor* CloseOrganisation(
      grpc::CallbackServerContext* context,
      const v1::CloseOrganisationRequest* request,
      v1::CloseOrganisationResponse* response) override;
  grpc::ServerUnaryReactor* GetRootOrganisation(
      grpc::CallbackServerContext* context,
      const v1::GetRootOrganisationRequest* request,
      v1::GetRootOrganisationResponse* response) override;

 private:
  MembershipService* service_;
  rpc::CallEnv env_;
};

// ImportMembers reads raw messages so that one that does not parse is told
// apart from the end of the upload (gRPC reports both as a failed read).
class MemberHandler final
    : public v1::MemberService::WithRawCallbackMethod_ImportMembers<
          v1::MemberService::CallbackService> {
 public:
  MemberHandler(MembershipService* service, rpc::CallEnv env)
      : service_(service), env_(env) {}

  grpc::ServerUnaryReactor* CreateMember(
      grpc::CallbackServerContext* context,
      const v1::CreateMemberRequest* request,
      v1::CreateMemberResponse* response) override;
  grpc::ServerUnaryReactor* GetMember(grpc::CallbackServerContext* context,
                                      const v1::GetMemberRequest* request,
                                      v1::GetMemberResponse* response) override;
  grpc::ServerUnaryReactor* ListMembers(
      grpc::CallbackServerContext* context,
      const v1::ListMembersRequest* request,
      v1::ListMembersResponse* response) override;
  grpc::ServerUnaryReactor* UpdateMember(
      grpc::CallbackServerContext* context,
      const v1::UpdateMemberRequest* request,
      v1::UpdateMemberResponse* response) override;
  grpc::ServerUnaryReactor* ChangeMemberStatus(
      grpc::CallbackServerContext* context,
      const v1::ChangeMemberStatusRequest* request,
      v1::ChangeMemberStatusResponse* response) override;
  grpc::ServerUnaryReactor* TransferMember(
      grpc::CallbackServerContext* context,
      const v1::TransferMemberRequest* request,
      v1::TransferMemberResponse* response) override;
  grpc::ServerReadReactor<grpc::ByteBuffer>* ImportMembers(
      grpc::CallbackServerContext* context,
      grpc::ByteBuffer* response) override;
  grpc::ServerUnaryReactor* ListMemberStatusChanges(
      grpc::CallbackServerContext* context,
      const v1::ListMemberStatusChangesRequest* request,
      v1::ListMemberStatusChangesResponse* response) override;

 private:
  MembershipService* service_;
  rpc::CallEnv env_;
};

class CommitteeHandler final : public v1::CommitteeService::CallbackService {
 public:
  CommitteeHandler(CommitteeService* service, rpc::CallEnv env)
      : service_(service), env_(env) {}

  grpc::ServerUnaryReactor* CreateCommitteeTerm(
      grpc::CallbackServerContext* context,
      const v1::CreateCommitteeTermRequest* request,
      v1::CreateCommitteeTermResponse* response) override;
  grpc::ServerUnaryReactor* ListCommitteeTerms(
      grpc::CallbackServerContext* context,
      const v1::ListCommitteeTermsRequest* request,
      v1::ListCommitteeTermsResponse* response) override;
  grpc::ServerUnaryReactor* ElectOfficer(
      grpc::CallbackServerContext* context,
      const v1::ElectOfficerRequest* request,
      v1::ElectOfficerResponse* response) override;
  grpc::ServerUnaryReactor* ListOfficers(
      grpc::CallbackServerContext* context,
      const v1::ListOfficersRequest* request,
      v1::ListOfficersResponse* response) override;
  grpc::ServerUnaryReactor* EndOfficer(
      grpc::CallbackServerContext* context,
      const v1::EndOfficerRequest* request,
      v1::EndOfficerResponse* response) override;

 private:
  CommitteeService* service_;
  rpc::CallEnv env_;
};

class EnterpriseHandler final : public v1::EnterpriseService::CallbackService {
 public:
  EnterpriseHandler(EnterpriseService* service, rpc::CallEnv env)
      : service_(service), env_(env) {}

  grpc::ServerUnaryReactor* CreateEnterprise(
      grpc::CallbackServerContext* context,
      const v1::CreateEnterpriseRequest* request,
      v1::CreateEnterpriseResponse* response) override;
  grpc::ServerUnaryReactor* GetEnterprise(
      grpc::CallbackServerContext* context,
      const v1::GetEnterpriseRequest* request,
      v1::GetEnterpriseResponse* response) override;
  grpc::ServerUnaryReactor* ListEnterprises(
      grpc::CallbackServerContext* context,
      const v1::ListEnterprisesRequest* request,
      v1::ListEnterprisesResponse* response) override;
  grpc::ServerUnaryReactor* UpdateEnterprise(
      grpc::CallbackServerContext* context,
      const v1::UpdateEnterpriseRequest* request,
      v1::UpdateEnterpriseResponse* response) override;
  grpc::ServerUnaryReactor* RecordUnionApplication(
      grpc::CallbackServerContext* context,
      const v1::RecordUnionApplicationRequest* request,
      v1::RecordUnionApplicationResponse* response) override;
  grpc::ServerUnaryReactor* RecordUnionFounded(
      grpc::CallbackServerContext* context,
      const v1::RecordUnionFoundedRequest* request,
      v1::RecordUnionFoundedResponse* response) override;
  grpc::ServerUnaryReactor* GetFoundingStatistics(
      grpc::CallbackServerContext* context,
      const v1::GetFoundingStatisticsRequest* request,
      v1::GetFoundingStatisticsResponse* response) override;

 private:
  EnterpriseService* service_;
  rpc::CallEnv env_;
};

class ModelWorkerHandler final
    : public v1::ModelWorkerService::CallbackService {
 public:
  ModelWorkerHandler(ModelWorkerService* service, rpc::CallEnv env)
      : service_(service), env_(env) {}

  grpc::ServerUnaryReactor* CreateModelWorker(
      grpc::CallbackServerContext* context,
      const v1::CreateModelWorkerRequest* request,
      v1::CreateModelWorkerResponse* response) override;
  grpc::ServerUnaryReactor* GetModelWorker(
      grpc::CallbackServerContext* context,
      const v1::GetModelWorkerRequest* request,
      v1::GetModelWorkerResponse* response) override;
  grpc::ServerUnaryReactor* ListModelWorkers(
      grpc::CallbackServerContext* context,
      const v1::ListModelWorkersRequest* request,
      v1::ListModelWorkersResponse* response) override;
  grpc::ServerUnaryReactor* UpdateModelWorker(
      grpc::CallbackServerContext* context,
      const v1::UpdateModelWorkerRequest* request,
      v1::UpdateModelWorkerResponse* response) override;

 private:
  ModelWorkerService* service_;
  rpc::CallEnv env_;
};

class ActivityHandler final : public v1::ActivityService::CallbackService {
 public:
  ActivityHandler(ActivityService* service, rpc::CallEnv env)
      : service_(service), env_(env) {}

  grpc::ServerUnaryReactor* CreateActivity(
      grpc::CallbackServerContext* context,
      const v1::CreateActivityRequest* request,
      v1::CreateActivityResponse* response) override;
  grpc::ServerUnaryReactor* GetActivity(
      grpc::CallbackServerContext* context,
      const v1::GetActivityRequest* request,
      v1::GetActivityResponse* response) override;
  grpc::ServerUnaryReactor* ListActivities(
      grpc::CallbackServerContext* context,
      const v1::ListActivitiesRequest* request,
      v1::ListActivitiesResponse* response) override;
  grpc::ServerUnaryReactor* AddParticipants(
      grpc::CallbackServerContext* context,
      const v1::AddParticipantsRequest* request,
      v1::AddParticipantsResponse* response) override;
  grpc::ServerUnaryReactor* ListParticipants(
      grpc::CallbackServerContext* context,
      const v1::ListParticipantsRequest* request,
      v1::ListParticipantsResponse* response) override;
  grpc::ServerUnaryReactor* RecordHonour(
      grpc::CallbackServerContext* context,
      const v1::RecordHonourRequest* request,
      v1::RecordHonourResponse* response) override;
  grpc::ServerUnaryReactor* ListHonours(
      grpc::CallbackServerContext* context,
      const v1::ListHonoursRequest* request,
      v1::ListHonoursResponse* response) override;

 private:
  ActivityService* service_;
  rpc::CallEnv env_;
};

// Who changed what in membership: the audit log, read through libs/outbox.
using AuditHandler =
    outbox::AuditHistoryService<v1::AuditService, v1::ListAuditRecordsRequest,
                                v1::ListAuditRecordsResponse>;
// Where an organisation the caller may see lies in the tree, for AuditHandler.
outbox::OrganisationPathOf OrganisationPaths(MembershipService* service);

}  // namespace unionhub::membership

#endif  // UNIONHUB_SERVICES_MEMBERSHIP_GRPC_HANDLER_H_
