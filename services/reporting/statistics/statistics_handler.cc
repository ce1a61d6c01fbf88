#include "services/reporting/statistics/statistics_handler.h"

#include "libs/base/status_macros.h"
#include "libs/rpc/proto_time.h"
#include "services/reporting/convert.h"

namespace unionhub::reporting {

grpc::ServerUnaryReactor* StatisticsHandler::GetStatisticsForm(
    grpc::CallbackServerContext* context,
    const v1::GetStatisticsFormRequest* request,
    v1::GetStatisticsFormResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(StatisticsForm form,
                         statistics_->Get(caller, request->organisation_id(),
                                          request->year()));
        *response->mutable_form() = ToProto(form);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* StatisticsHandler::UpdateStatisticsForm(
    grpc::CallbackServerContext* context,
    const v1::UpdateStatisticsFormRequest* request,
    v1::UpdateStatisticsFormResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        std::map<std::string, int64_t> hand(request->hand_values().begin(),
                                            request->hand_values().end());
        std::map<std::string, std::string> explanations(
            request->explanations().begin(), request->explanations().end());
        ASSIGN_OR_RETURN(StatisticsForm form,
                         statistics_->Update(caller, request->organisation_id(),
                                             request->year(), hand,
                                             explanations, request->etag()));
        *response->mutable_form() = ToProto(form);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* StatisticsHandler::SubmitStatisticsForm(
    grpc::CallbackServerContext* context,
    const v1::SubmitStatisticsFormRequest* request,
    v1::SubmitStatisticsFormResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(StatisticsForm form,
                         statistics_->Submit(caller, request->organisation_id(),
                                             request->year(), request->etag()));
        *response->mutable_form() = ToProto(form);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* StatisticsHandler::ReviewStatisticsForm(
    grpc::CallbackServerContext* context,
    const v1::ReviewStatisticsFormRequest* request,
    v1::ReviewStatisticsFormResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(
            StatisticsForm form,
            statistics_->Review(caller, request->organisation_id(),
                                request->year(), request->approve(),
                                request->reason(), request->etag()));
        *response->mutable_form() = ToProto(form);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* StatisticsHandler::ExemptStatisticsForm(
    grpc::CallbackServerContext* context,
    const v1::ExemptStatisticsFormRequest* request,
    v1::ExemptStatisticsFormResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(
            StatisticsForm form,
            statistics_->Exempt(caller, request->organisation_id(),
                                request->year(), request->reason()));
        *response->mutable_form() = ToProto(form);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* StatisticsHandler::ListChildForms(
    grpc::CallbackServerContext* context,
    const v1::ListChildFormsRequest* request,
    v1::ListChildFormsResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(
            ChildFormList list,
            statistics_->ListChildren(caller, request->organisation_id(),
                                      request->year()));
        for (const ChildFormStatus& c : list.children) {
          v1::ChildForm* p = response->add_children();
          p->set_organisation_id(c.organisation.id);
          p->set_organisation_name(c.organisation.name);
          p->set_status(ToProto(c.status));
          if (c.update_time)
            rpc::SetProtoTime(*c.update_time, p->mutable_update_time());
        }
        response->set_done(list.done);
        return absl::OkStatus();
      });
}

}  // namespace unionhub::reporting
