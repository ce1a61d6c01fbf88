#include "services/membership/enterprises/enterprise_handler.h"

#include "libs/base/errors.h"
#include "libs/base/status_macros.h"
#include "libs/rpc/enums.h"
#include "libs/rpc/field_mask.h"
#include "services/membership/convert.h"

namespace unionhub::membership {

grpc::ServerUnaryReactor* EnterpriseHandler::CreateEnterprise(
    grpc::CallbackServerContext* context,
    const v1::CreateEnterpriseRequest* request,
    v1::CreateEnterpriseResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        const v1::Enterprise& in = request->enterprise();
        NewEnterprise n{in.organisation_id(), in.name(), in.credit_code(),
                        in.employees(), in.required_to_found()};
        ASSIGN_OR_RETURN(
            Enterprise e,
            service_->Create(caller, outbox::RequestKeyOf(*request), n));
        *response->mutable_enterprise() = ToProto(e);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* EnterpriseHandler::GetEnterprise(
    grpc::CallbackServerContext* context,
    const v1::GetEnterpriseRequest* request,
    v1::GetEnterpriseResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(Enterprise e, service_->Get(caller, request->id()));
        *response->mutable_enterprise() = ToProto(e);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* EnterpriseHandler::ListEnterprises(
    grpc::CallbackServerContext* context,
    const v1::ListEnterprisesRequest* request,
    v1::ListEnterprisesResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        EnterpriseQuery q;
        q.organisation_id = request->organisation_id();
        ASSIGN_OR_RETURN(q.status,
                         rpc::FromProtoEnum<UnionFoundingStatus>(
                             "founding_status", request->founding_status(),
                             v1::UnionFoundingStatus_IsValid));
        q.only_required = request->only_required();
        q.page_size = request->page_size();
        q.page_token = request->page_token();
        ASSIGN_OR_RETURN(Page<Enterprise> page, service_->List(caller, q));
        for (const Enterprise& e : page.items)
          *response->add_enterprises() = ToProto(e);
        response->set_next_page_token(page.next_page_token);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* EnterpriseHandler::UpdateEnterprise(
    grpc::CallbackServerContext* context,
    const v1::UpdateEnterpriseRequest* request,
    v1::UpdateEnterpriseResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        const auto& mask = request->update_mask();
        RETURN_IF_ERROR(rpc::CheckUpdateMask(
            mask, {"name", "credit_code", "employees", "required_to_found"}));
        const v1::Enterprise& in = request->enterprise();
        EnterprisePatch patch;
        if (rpc::InMask(mask, "name")) patch.name = in.name();
        if (rpc::InMask(mask, "credit_code"))
          patch.credit_code = in.credit_code();
        if (rpc::InMask(mask, "employees")) patch.employees = in.employees();
        if (rpc::InMask(mask, "required_to_found"))
          patch.required_to_found = in.required_to_found();
        ASSIGN_OR_RETURN(Enterprise e, service_->Update(caller, in.id(), patch,
                                                        request->etag()));
        *response->mutable_enterprise() = ToProto(e);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* EnterpriseHandler::RecordUnionApplication(
    grpc::CallbackServerContext* context,
    const v1::RecordUnionApplicationRequest* request,
    v1::RecordUnionApplicationResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(Enterprise e,
                         service_->RecordApplication(caller, request->id(),
                                                     request->applied_date(),
                                                     request->etag()));
        *response->mutable_enterprise() = ToProto(e);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* EnterpriseHandler::RecordUnionFounded(
    grpc::CallbackServerContext* context,
    const v1::RecordUnionFoundedRequest* request,
    v1::RecordUnionFoundedResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(
            Enterprise e,
            service_->RecordFounded(caller, request->id(),
                                    request->union_organisation_id(),
                                    request->founded_date(), request->etag()));
        *response->mutable_enterprise() = ToProto(e);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* EnterpriseHandler::GetFoundingStatistics(
    grpc::CallbackServerContext* context,
    const v1::GetFoundingStatisticsRequest* request,
    v1::GetFoundingStatisticsResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(
            FoundingStatistics f,
            service_->Statistics(caller, request->organisation_id()));
        *response->mutable_statistics() = ToProto(f);
        return absl::OkStatus();
      });
}

}  // namespace unionhub::membership
