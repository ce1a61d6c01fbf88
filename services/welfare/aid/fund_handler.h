// gRPC front of v1::FundService (funds): proto in, domain call, proto out.
#ifndef UNIONHUB_SERVICES_WELFARE_AID_FUND_HANDLER_H_
#define UNIONHUB_SERVICES_WELFARE_AID_FUND_HANDLER_H_

#include "libs/rpc/call.h"
#include "services/welfare/aid/funds.h"
#include "unionhub/welfare/v1/funds.grpc.pb.h"

namespace unionhub::welfare {

class FundHandler final : public v1::FundService::CallbackService {
 public:
  FundHandler(Funds* service, rpc::CallEnv env)
      : service_(service), env_(env) {}

  grpc::ServerUnaryReactor* CreateFund(
      grpc::CallbackServerContext* context,
      const v1::CreateFundRequest* request,
      v1::CreateFundResponse* response) override;
  grpc::ServerUnaryReactor* GetFund(grpc::CallbackServerContext* context,
                                    const v1::GetFundRequest* request,
                                    v1::GetFundResponse* response) override;
  grpc::ServerUnaryReactor* ListFunds(grpc::CallbackServerContext* context,
                                      const v1::ListFundsRequest* request,
                                      v1::ListFundsResponse* response) override;
  grpc::ServerUnaryReactor* UpdateFund(
      grpc::CallbackServerContext* context,
      const v1::UpdateFundRequest* request,
      v1::UpdateFundResponse* response) override;

 private:
  Funds* service_;
  rpc::CallEnv env_;
};

}  // namespace unionhub::welfare

#endif  // UNIONHUB_SERVICES_WELFARE_AID_FUND_HANDLER_H_
