#include "services/democracy/contracts/contract_handler.h"

#include "libs/base/status_macros.h"
#include "libs/rpc/enums.h"
#include "services/democracy/convert.h"

namespace unionhub::democracy {
namespace {

absl::StatusOr<ContractKind> KindOf(absl::string_view field, int kind) {
  return rpc::FromProtoEnum<ContractKind>(field, kind,
                                          v1::ContractKind_IsValid);
}

ContractTerms TermsOf(const v1::CollectiveContract& in) {
  return {in.title(), in.start_date(), in.end_date(), in.workers_covered()};
}

}  // namespace

grpc::ServerUnaryReactor* ContractHandler::CreateCollectiveContract(
    grpc::CallbackServerContext* context,
    const v1::CreateCollectiveContractRequest* request,
    v1::CreateCollectiveContractResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        const v1::CollectiveContract& in = request->contract();
        NewContract n;
        n.organisation_id = in.organisation_id();
        ASSIGN_OR_RETURN(n.kind, KindOf("contract.kind", in.kind()));
        n.employer = in.employer();
        n.terms = TermsOf(in);
        ASSIGN_OR_RETURN(
            CollectiveContract c,
            service_->Create(caller, outbox::RequestKeyOf(*request), n));
        *response->mutable_contract() = ToProto(c, clock_->Today());
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* ContractHandler::GetCollectiveContract(
    grpc::CallbackServerContext* context,
    const v1::GetCollectiveContractRequest* request,
    v1::GetCollectiveContractResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(CollectiveContract c,
                         service_->Get(caller, request->id()));
        *response->mutable_contract() = ToProto(c, clock_->Today());
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* ContractHandler::ListCollectiveContracts(
    grpc::CallbackServerContext* context,
    const v1::ListCollectiveContractsRequest* request,
    v1::ListCollectiveContractsResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(ContractKind kind, KindOf("kind", request->kind()));
        ASSIGN_OR_RETURN(
            Page<CollectiveContract> page,
            service_->List(caller, request->organisation_id(), kind,
                           request->only_in_force(), request->page_size(),
                           request->page_token()));
        const absl::CivilDay today = clock_->Today();
        for (const CollectiveContract& c : page.items)
          *response->add_contracts() = ToProto(c, today);
        response->set_next_page_token(page.next_page_token);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* ContractHandler::ApproveCollectiveContract(
    grpc::CallbackServerContext* context,
    const v1::ApproveCollectiveContractRequest* request,
    v1::ApproveCollectiveContractResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(
            CollectiveContract c,
            service_->Approve(caller, request->id(), request->vote_id(),
                              request->etag()));
        *response->mutable_contract() = ToProto(c, clock_->Today());
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* ContractHandler::RenewCollectiveContract(
    grpc::CallbackServerContext* context,
    const v1::RenewCollectiveContractRequest* request,
    v1::RenewCollectiveContractResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(
            auto renewed,
            service_->Renew(caller, outbox::RequestKeyOf(*request),
                            request->id(), TermsOf(request->renewal())));
        const absl::CivilDay today = clock_->Today();
        *response->mutable_contract() = ToProto(renewed.first, today);
        *response->mutable_previous() = ToProto(renewed.second, today);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* ContractHandler::ListExpiringContracts(
    grpc::CallbackServerContext* context,
    const v1::ListExpiringContractsRequest* request,
    v1::ListExpiringContractsResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(std::vector<CollectiveContract> contracts,
                         service_->Expiring(caller, request->organisation_id(),
                                            request->within_days()));
        const absl::CivilDay today = clock_->Today();
        for (const CollectiveContract& c : contracts)
          *response->add_contracts() = ToProto(c, today);
        return absl::OkStatus();
      });
}

}  // namespace unionhub::democracy
