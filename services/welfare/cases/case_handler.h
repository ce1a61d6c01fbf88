// gRPC front of v1::CaseService (letters, visits and rights cases): proto in,
// domain call, proto out.
#ifndef UNIONHUB_SERVICES_WELFARE_CASES_CASE_HANDLER_H_
#define UNIONHUB_SERVICES_WELFARE_CASES_CASE_HANDLER_H_

#include "libs/rpc/call.h"
#include "services/welfare/cases/cases.h"
#include "unionhub/welfare/v1/cases.grpc.pb.h"

namespace unionhub::welfare {

class CaseHandler final : public v1::CaseService::CallbackService {
 public:
  CaseHandler(Cases* service, rpc::CallEnv env)
      : service_(service), env_(env) {}

  grpc::ServerUnaryReactor* CreateCase(
      grpc::CallbackServerContext* context,
      const v1::CreateCaseRequest* request,
      v1::CreateCaseResponse* response) override;
  grpc::ServerUnaryReactor* GetCase(grpc::CallbackServerContext* context,
                                    const v1::GetCaseRequest* request,
                                    v1::GetCaseResponse* response) override;
  grpc::ServerUnaryReactor* ListCases(grpc::CallbackServerContext* context,
                                      const v1::ListCasesRequest* request,
                                      v1::ListCasesResponse* response) override;
  grpc::ServerUnaryReactor* AssignCase(
      grpc::CallbackServerContext* context,
      const v1::AssignCaseRequest* request,
      v1::AssignCaseResponse* response) override;
  grpc::ServerUnaryReactor* EscalateCase(
      grpc::CallbackServerContext* context,
      const v1::EscalateCaseRequest* request,
      v1::EscalateCaseResponse* response) override;
  grpc::ServerUnaryReactor* ResolveCase(
      grpc::CallbackServerContext* context,
      const v1::ResolveCaseRequest* request,
      v1::ResolveCaseResponse* response) override;
  grpc::ServerUnaryReactor* RateCase(grpc::CallbackServerContext* context,
                                     const v1::RateCaseRequest* request,
                                     v1::RateCaseResponse* response) override;
  grpc::ServerUnaryReactor* SetCasePromise(
      grpc::CallbackServerContext* context,
      const v1::SetCasePromiseRequest* request,
      v1::SetCasePromiseResponse* response) override;

 private:
  Cases* service_;
  rpc::CallEnv env_;
};

}  // namespace unionhub::welfare

#endif  // UNIONHUB_SERVICES_WELFARE_CASES_CASE_HANDLER_H_
