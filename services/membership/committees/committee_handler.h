// gRPC front of v1::CommitteeService (terms, elections, officers): proto in,
// domain call, proto out. Personal data is masked by the caller's role
// (convert.h).
#ifndef UNIONHUB_SERVICES_MEMBERSHIP_COMMITTEES_COMMITTEE_HANDLER_H_
#define UNIONHUB_SERVICES_MEMBERSHIP_COMMITTEES_COMMITTEE_HANDLER_H_

#include "libs/rpc/call.h"
#include "services/membership/committees/committees.h"
#include "unionhub/membership/v1/committees.grpc.pb.h"

namespace unionhub::membership {

class CommitteeHandler final : public v1::CommitteeService::CallbackService {
 public:
  CommitteeHandler(Committees* service, rpc::CallEnv env)
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
  Committees* service_;
  rpc::CallEnv env_;
};

}  // namespace unionhub::membership

#endif  // UNIONHUB_SERVICES_MEMBERSHIP_COMMITTEES_COMMITTEE_HANDLER_H_
