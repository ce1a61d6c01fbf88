#include "services/welfare/aid/campaign_handler.h"

#include "libs/base/errors.h"
#include "libs/base/status_macros.h"
#include "libs/rpc/enums.h"
#include "libs/rpc/field_mask.h"
#include "services/welfare/convert.h"

namespace unionhub::welfare {

grpc::ServerUnaryReactor* CampaignHandler::CreateCampaign(
    grpc::CallbackServerContext* context,
    const v1::CreateCampaignRequest* request,
    v1::CreateCampaignResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        const v1::Campaign& in = request->campaign();
        NewCampaign n;
        n.name = in.name();
        ASSIGN_OR_RETURN(
            n.kind, rpc::FromProtoEnum<CampaignKind>("campaign.kind", in.kind(),
                                                     v1::CampaignKind_IsValid));
        n.start_date = in.start_date();
        n.end_date = in.end_date();
        n.fund_id = in.fund_id();
        ASSIGN_OR_RETURN(n.eligibility,
                         rpc::FromProtoEnum<Eligibility>(
                             "campaign.eligibility", in.eligibility(),
                             v1::Eligibility_IsValid));
        for (int level : in.eligible_levels()) {
          ASSIGN_OR_RETURN(n.eligible_levels.emplace_back(),
                           rpc::FromProtoEnum<HardshipLevel>(
                               "campaign.eligible_levels", level,
                               v1::HardshipLevel_IsValid));
        }
        n.min_amount_fen = in.min_amount_fen();
        n.max_amount_fen = in.max_amount_fen();
        n.cap_per_person_fen = in.cap_per_person_fen();
        ASSIGN_OR_RETURN(
            Campaign c,
            service_->Create(caller, outbox::RequestKeyOf(*request), n));
        *response->mutable_campaign() = ToProto(c);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* CampaignHandler::GetCampaign(
    grpc::CallbackServerContext* context, const v1::GetCampaignRequest* request,
    v1::GetCampaignResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(Campaign c, service_->Get(caller, request->id()));
        *response->mutable_campaign() = ToProto(c);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* CampaignHandler::ListCampaigns(
    grpc::CallbackServerContext* context,
    const v1::ListCampaignsRequest* request,
    v1::ListCampaignsResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        CampaignQuery q;
        q.organisation_id = request->organisation_id();
        ASSIGN_OR_RETURN(
            q.kind, rpc::FromProtoEnum<CampaignKind>("kind", request->kind(),
                                                     v1::CampaignKind_IsValid));
        ASSIGN_OR_RETURN(q.status, rpc::FromProtoEnum<CampaignStatus>(
                                       "status", request->status(),
                                       v1::CampaignStatus_IsValid));
        q.page_size = request->page_size();
        q.page_token = request->page_token();
        ASSIGN_OR_RETURN(Page<Campaign> page, service_->List(caller, q));
        for (const Campaign& c : page.items)
          *response->add_campaigns() = ToProto(c);
        response->set_next_page_token(page.next_page_token);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* CampaignHandler::CloseCampaign(
    grpc::CallbackServerContext* context,
    const v1::CloseCampaignRequest* request,
    v1::CloseCampaignResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(Campaign c, service_->Close(caller, request->id(),
                                                     request->etag()));
        *response->mutable_campaign() = ToProto(c);
        return absl::OkStatus();
      });
}

}  // namespace unionhub::welfare
