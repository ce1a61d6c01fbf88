// gRPC front of v1::InsuranceService (mutual-aid insurance): proto in, domain
// call, proto out.
#ifndef UNIONHUB_SERVICES_WELFARE_INSURANCE_INSURANCE_HANDLER_H_
#define UNIONHUB_SERVICES_WELFARE_INSURANCE_INSURANCE_HANDLER_H_

#include "libs/rpc/call.h"
#include "services/welfare/insurance/insurance.h"
#include "unionhub/welfare/v1/insurance.grpc.pb.h"

namespace unionhub::welfare {

class InsuranceHandler final : public v1::InsuranceService::CallbackService {
 public:
  InsuranceHandler(Insurance* service, rpc::CallEnv env)
      : service_(service), env_(env) {}

  grpc::ServerUnaryReactor* EnrolInsurance(
      grpc::CallbackServerContext* context,
      const v1::EnrolInsuranceRequest* request,
      v1::EnrolInsuranceResponse* response) override;
  grpc::ServerUnaryReactor* ListInsuranceEnrolments(
      grpc::CallbackServerContext* context,
      const v1::ListInsuranceEnrolmentsRequest* request,
      v1::ListInsuranceEnrolmentsResponse* response) override;
  grpc::ServerUnaryReactor* FileInsuranceClaim(
      grpc::CallbackServerContext* context,
      const v1::FileInsuranceClaimRequest* request,
      v1::FileInsuranceClaimResponse* response) override;
  grpc::ServerUnaryReactor* DecideInsuranceClaim(
      grpc::CallbackServerContext* context,
      const v1::DecideInsuranceClaimRequest* request,
      v1::DecideInsuranceClaimResponse* response) override;
  grpc::ServerUnaryReactor* ListInsuranceClaims(
      grpc::CallbackServerContext* context,
      const v1::ListInsuranceClaimsRequest* request,
      v1::ListInsuranceClaimsResponse* response) override;

 private:
  Insurance* service_;
  rpc::CallEnv env_;
};

}  // namespace unionhub::welfare

#endif  // UNIONHUB_SERVICES_WELFARE_INSURANCE_INSURANCE_HANDLER_H_
