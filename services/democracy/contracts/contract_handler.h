// gRPC front of v1::ContractService: proto in, domain call, proto out.
#ifndef UNIONHUB_SERVICES_DEMOCRACY_CONTRACTS_CONTRACT_HANDLER_H_
#define UNIONHUB_SERVICES_DEMOCRACY_CONTRACTS_CONTRACT_HANDLER_H_

#include "libs/rpc/call.h"
#include "services/democracy/contracts/contracts.h"
#include "unionhub/democracy/v1/contracts.grpc.pb.h"

namespace unionhub::democracy {

class ContractHandler final : public v1::ContractService::CallbackService {
 public:
  // `clock` says whether a contract is in force today.
  ContractHandler(Contracts* service, const Clock* clock, rpc::CallEnv env)
      : service_(service), clock_(clock), env_(env) {}

  grpc::ServerUnaryReactor* CreateCollectiveContract(
      grpc::CallbackServerContext* context,
      const v1::CreateCollectiveContractRequest* request,
      v1::CreateCollectiveContractResponse* response) override;
  grpc::ServerUnaryReactor* GetCollectiveContract(
      grpc::CallbackServerContext* context,
      const v1::GetCollectiveContractRequest* request,
      v1::GetCollectiveContractResponse* response) override;
  grpc::ServerUnaryReactor* ListCollectiveContracts(
      grpc::CallbackServerContext* context,
      const v1::ListCollectiveContractsRequest* request,
      v1::ListCollectiveContractsResponse* response) override;
  grpc::ServerUnaryReactor* ApproveCollectiveContract(
      grpc::CallbackServerContext* context,
      const v1::ApproveCollectiveContractRequest* request,
      v1::ApproveCollectiveContractResponse* response) override;
  grpc::ServerUnaryReactor* RenewCollectiveContract(
      grpc::CallbackServerContext* context,
      const v1::RenewCollectiveContractRequest* request,
      v1::RenewCollectiveContractResponse* response) override;
  grpc::ServerUnaryReactor* ListExpiringContracts(
      grpc::CallbackServerContext* context,
      const v1::ListExpiringContractsRequest* request,
      v1::ListExpiringContractsResponse* response) override;

 private:
  Contracts* service_;
  const Clock* clock_;
  rpc::CallEnv env_;
};

}  // namespace unionhub::democracy

#endif  // UNIONHUB_SERVICES_DEMOCRACY_CONTRACTS_CONTRACT_HANDLER_H_
