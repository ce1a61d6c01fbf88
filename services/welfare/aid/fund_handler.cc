#include "services/welfare/aid/fund_handler.h"

#include "libs/base/errors.h"
#include "libs/base/status_macros.h"
#include "libs/rpc/enums.h"
#include "libs/rpc/field_mask.h"
#include "services/welfare/convert.h"

namespace unionhub::welfare {

grpc::ServerUnaryReactor* FundHandler::CreateFund(
    grpc::CallbackServerContext* context, const v1::CreateFundRequest* request,
    v1::CreateFundResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        const v1::Fund& in = request->fund();
        NewFund n{in.organisation_id(), in.year(), in.name(), in.budget_fen()};
        ASSIGN_OR_RETURN(
            Fund f,
            service_->Create(caller, outbox::RequestKeyOf(*request), n));
        *response->mutable_fund() = ToProto(f);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* FundHandler::GetFund(
    grpc::CallbackServerContext* context, const v1::GetFundRequest* request,
    v1::GetFundResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(Fund f, service_->Get(caller, request->id()));
        *response->mutable_fund() = ToProto(f);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* FundHandler::ListFunds(
    grpc::CallbackServerContext* context, const v1::ListFundsRequest* request,
    v1::ListFundsResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(
            Page<Fund> page,
            service_->List(caller, request->organisation_id(), request->year(),
                           request->page_size(), request->page_token()));
        for (const Fund& f : page.items) *response->add_funds() = ToProto(f);
        response->set_next_page_token(page.next_page_token);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* FundHandler::UpdateFund(
    grpc::CallbackServerContext* context, const v1::UpdateFundRequest* request,
    v1::UpdateFundResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        const auto& mask = request->update_mask();
        RETURN_IF_ERROR(rpc::CheckUpdateMask(mask, {"name", "budget_fen"}));
        const v1::Fund& in = request->fund();
        FundPatch patch;
        if (rpc::InMask(mask, "name")) patch.name = in.name();
        if (rpc::InMask(mask, "budget_fen")) patch.budget_fen = in.budget_fen();
        ASSIGN_OR_RETURN(
            Fund f, service_->Update(caller, in.id(), patch, request->etag()));
        *response->mutable_fund() = ToProto(f);
        return absl::OkStatus();
      });
}

}  // namespace unionhub::welfare
