// gRPC front of v1::EnterpriseService (the union-founding register): proto in,
// domain call, proto out. Personal data is masked by the caller's role
// (convert.h).
#ifndef UNIONHUB_SERVICES_MEMBERSHIP_ENTERPRISES_ENTERPRISE_HANDLER_H_
#define UNIONHUB_SERVICES_MEMBERSHIP_ENTERPRISES_ENTERPRISE_HANDLER_H_

#include "libs/rpc/call.h"
#include "services/membership/enterprises/enterprises.h"
#include "unionhub/membership/v1/enterprises.grpc.pb.h"

namespace unionhub::membership {

class EnterpriseHandler final : public v1::EnterpriseService::CallbackService {
 public:
  EnterpriseHandler(Enterprises* service, rpc::CallEnv env)
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
  Enterprises* service_;
  rpc::CallEnv env_;
};

}  // namespace unionhub::membership

#endif  // UNIONHUB_SERVICES_MEMBERSHIP_ENTERPRISES_ENTERPRISE_HANDLER_H_
