// gRPC front of v1::AidApplicationService (applications for aid and payments):
// proto in, domain call, proto out.
#ifndef UNIONHUB_SERVICES_WELFARE_AID_APPLICATION_HANDLER_H_
#define UNIONHUB_SERVICES_WELFARE_AID_APPLICATION_HANDLER_H_

#include "libs/rpc/call.h"
#include "services/welfare/aid/applications.h"
#include "unionhub/welfare/v1/applications.grpc.pb.h"

namespace unionhub::welfare {

class AidApplicationHandler final
    : public v1::AidApplicationService::CallbackService {
 public:
  AidApplicationHandler(AidApplications* service, rpc::CallEnv env)
      : service_(service), env_(env) {}

  grpc::ServerUnaryReactor* CreateAidApplication(
      grpc::CallbackServerContext* context,
      const v1::CreateAidApplicationRequest* request,
      v1::CreateAidApplicationResponse* response) override;
  grpc::ServerUnaryReactor* GetAidApplication(
      grpc::CallbackServerContext* context,
      const v1::GetAidApplicationRequest* request,
      v1::GetAidApplicationResponse* response) override;
  grpc::ServerUnaryReactor* ListAidApplications(
      grpc::CallbackServerContext* context,
      const v1::ListAidApplicationsRequest* request,
      v1::ListAidApplicationsResponse* response) override;
  grpc::ServerUnaryReactor* ReviewAidApplication(
      grpc::CallbackServerContext* context,
      const v1::ReviewAidApplicationRequest* request,
      v1::ReviewAidApplicationResponse* response) override;
  grpc::ServerUnaryReactor* ApproveAidApplication(
      grpc::CallbackServerContext* context,
      const v1::ApproveAidApplicationRequest* request,
      v1::ApproveAidApplicationResponse* response) override;
  grpc::ServerUnaryReactor* RejectAidApplication(
      grpc::CallbackServerContext* context,
      const v1::RejectAidApplicationRequest* request,
      v1::RejectAidApplicationResponse* response) override;
  grpc::ServerUnaryReactor* PayAidApplication(
      grpc::CallbackServerContext* context,
      const v1::PayAidApplicationRequest* request,
      v1::PayAidApplicationResponse* response) override;
  grpc::ServerUnaryReactor* ReverseAidPayment(
      grpc::CallbackServerContext* context,
      const v1::ReverseAidPaymentRequest* request,
      v1::ReverseAidPaymentResponse* response) override;
  grpc::ServerUnaryReactor* ListAidApplicationSteps(
      grpc::CallbackServerContext* context,
      const v1::ListAidApplicationStepsRequest* request,
      v1::ListAidApplicationStepsResponse* response) override;
  grpc::ServerUnaryReactor* ListAidPayments(
      grpc::CallbackServerContext* context,
      const v1::ListAidPaymentsRequest* request,
      v1::ListAidPaymentsResponse* response) override;

 private:
  AidApplications* service_;
  rpc::CallEnv env_;
};

}  // namespace unionhub::welfare

#endif  // UNIONHUB_SERVICES_WELFARE_AID_APPLICATION_HANDLER_H_
