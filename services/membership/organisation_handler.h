// gRPC front of v1::OrganisationService (the tree): proto in, domain call,
// proto out. Personal data is masked by the caller's role (convert.h).
#ifndef UNIONHUB_SERVICES_MEMBERSHIP_ORGANISATION_HANDLER_H_
#define UNIONHUB_SERVICES_MEMBERSHIP_ORGANISATION_HANDLER_H_

#include "libs/rpc/call.h"
#include "services/membership/organisations.h"
#include "unionhub/membership/v1/organisations.grpc.pb.h"

namespace unionhub::membership {

class OrganisationHandler final
    : public v1::OrganisationService::CallbackService {
 public:
  OrganisationHandler(Organisations* service, rpc::CallEnv env)
      : service_(service), env_(env) {}

  grpc::ServerUnaryReactor* CreateOrganisation(
      grpc::CallbackServerContext* context,
      const v1::CreateOrganisationRequest* request,
      v1::CreateOrganisationResponse* response) override;
  grpc::ServerUnaryReactor* GetOrganisation(
      grpc::CallbackServerContext* context,
      const v1::GetOrganisationRequest* request,
      v1::GetOrganisationResponse* response) override;
  grpc::ServerUnaryReactor* ListOrganisations(
      grpc::CallbackServerContext* context,
      const v1::ListOrganisationsRequest* request,
      v1::ListOrganisationsResponse* response) override;
  grpc::ServerUnaryReactor* UpdateOrganisation(
      grpc::CallbackServerContext* context,
      const v1::UpdateOrganisationRequest* request,
      v1::UpdateOrganisationResponse* response) override;
  grpc::ServerUnaryReactor* CloseOrganisation(
      grpc::CallbackServerContext* context,
      const v1::CloseOrganisationRequest* request,
      v1::CloseOrganisationResponse* response) override;
  grpc::ServerUnaryReactor* GetRootOrganisation(
      grpc::CallbackServerContext* context,
      const v1::GetRootOrganisationRequest* request,
      v1::GetRootOrganisationResponse* response) override;

 private:
  Organisations* service_;
  rpc::CallEnv env_;
};

}  // namespace unionhub::membership

#endif  // UNIONHUB_SERVICES_MEMBERSHIP_ORGANISATION_HANDLER_H_
