#include "services/membership/organisation_handler.h"

#include "libs/base/errors.h"
#include "libs/base/status_macros.h"
#include "libs/rpc/enums.h"
#include "libs/rpc/field_mask.h"
#include "services/membership/convert.h"

namespace unionhub::membership {

grpc::ServerUnaryReactor* OrganisationHandler::CreateOrganisation(
    grpc::CallbackServerContext* context,
    const v1::CreateOrganisationRequest* request,
    v1::CreateOrganisationResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        NewOrganisation n;
        n.parent_id = request->organisation().parent_id();
        n.name = request->organisation().name();
        ASSIGN_OR_RETURN(
            n.type, rpc::FromProtoEnum<OrganisationType>(
                        "organisation.type", request->organisation().type(),
                        v1::OrganisationType_IsValid));
        ASSIGN_OR_RETURN(Organisation o,
                         service_->CreateOrganisation(
                             caller, outbox::RequestKeyOf(*request), n));
        *response->mutable_organisation() = ToProto(o);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* OrganisationHandler::GetOrganisation(
    grpc::CallbackServerContext* context,
    const v1::GetOrganisationRequest* request,
    v1::GetOrganisationResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(Organisation o,
                         service_->GetOrganisation(caller, request->id()));
        *response->mutable_organisation() = ToProto(o);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* OrganisationHandler::GetRootOrganisation(
    grpc::CallbackServerContext* context,
    const v1::GetRootOrganisationRequest* request,
    v1::GetRootOrganisationResponse* response) {
  return rpc::Unary(context, request, response, env_, [=](const auth::Caller&) {
    ASSIGN_OR_RETURN(Organisation o, service_->GetRootOrganisation());
    *response->mutable_organisation() = ToProto(o);
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* OrganisationHandler::ListOrganisations(
    grpc::CallbackServerContext* context,
    const v1::ListOrganisationsRequest* request,
    v1::ListOrganisationsResponse* response) {
  return rpc::Unary(context, request, response, env_,
                    [=](const auth::Caller& caller) {
                      OrganisationQuery q;
                      q.parent_id = request->parent_id();
                      q.include_descendants = request->include_descendants();
                      q.include_closed = request->include_closed();
                      q.page_size = request->page_size();
                      q.page_token = request->page_token();
                      ASSIGN_OR_RETURN(Page<Organisation> page,
                                       service_->ListOrganisations(caller, q));
                      for (const Organisation& o : page.items)
                        *response->add_organisations() = ToProto(o);
                      response->set_next_page_token(page.next_page_token);
                      return absl::OkStatus();
                    });
}

grpc::ServerUnaryReactor* OrganisationHandler::UpdateOrganisation(
    grpc::CallbackServerContext* context,
    const v1::UpdateOrganisationRequest* request,
    v1::UpdateOrganisationResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        RETURN_IF_ERROR(rpc::CheckUpdateMask(request->update_mask(), {"name"}));
        ASSIGN_OR_RETURN(Organisation o,
                         service_->RenameOrganisation(
                             caller, request->organisation().id(),
                             request->organisation().name(), request->etag()));
        *response->mutable_organisation() = ToProto(o);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* OrganisationHandler::CloseOrganisation(
    grpc::CallbackServerContext* context,
    const v1::CloseOrganisationRequest* request,
    v1::CloseOrganisationResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(Organisation o,
                         service_->CloseOrganisation(caller, request->id(),
                                                     request->etag()));
        *response->mutable_organisation() = ToProto(o);
        return absl::OkStatus();
      });
}

}  // namespace unionhub::membership
