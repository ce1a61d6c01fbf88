// gRPC front of v1::CampaignService (aid campaigns): proto in, domain call,
// proto out.
#ifndef UNIONHUB_SERVICES_WELFARE_AID_CAMPAIGN_HANDLER_H_
#define UNIONHUB_SERVICES_WELFARE_AID_CAMPAIGN_HANDLER_H_

#include "libs/rpc/call.h"
#include "services/welfare/aid/campaigns.h"
#include "unionhub/welfare/v1/campaigns.grpc.pb.h"

namespace unionhub::welfare {

class CampaignHandler final : public v1::CampaignService::CallbackService {
 public:
  CampaignHandler(Campaigns* service, rpc::CallEnv env)
      : service_(service), env_(env) {}

  grpc::ServerUnaryReactor* CreateCampaign(
      grpc::CallbackServerContext* context,
      const v1::CreateCampaignRequest* request,
      v1::CreateCampaignResponse* response) override;
  grpc::ServerUnaryReactor* GetCampaign(
      grpc::CallbackServerContext* context,
      const v1::GetCampaignRequest* request,
      v1::GetCampaignResponse* response) override;
  grpc::ServerUnaryReactor* ListCampaigns(
      grpc::CallbackServerContext* context,
      const v1::ListCampaignsRequest* request,
      v1::ListCampaignsResponse* response) override;
  grpc::ServerUnaryReactor* CloseCampaign(
      grpc::CallbackServerContext* context,
      const v1::CloseCampaignRequest* request,
      v1::CloseCampaignResponse* response) override;

 private:
  Campaigns* service_;
  rpc::CallEnv env_;
};

}  // namespace unionhub::welfare

#endif  // UNIONHUB_SERVICES_WELFARE_AID_CAMPAIGN_HANDLER_H_
