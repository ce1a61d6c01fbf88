#include "services/membership/model_workers/model_worker_handler.h"

#include "libs/base/errors.h"
#include "libs/base/status_macros.h"
#include "libs/rpc/enums.h"
#include "libs/rpc/field_mask.h"
#include "services/membership/convert.h"

namespace unionhub::membership {

namespace {

absl::StatusOr<std::vector<HardshipCause>> CausesOf(const v1::ModelWorker& in) {
  std::vector<HardshipCause> out;
  for (int c : in.hardship_causes()) {
    ASSIGN_OR_RETURN(HardshipCause cause, rpc::FromProtoEnum<HardshipCause>(
                                              "model_worker.hardship_causes", c,
                                              v1::HardshipCause_IsValid));
    out.push_back(cause);
  }
  return out;
}

}  // namespace

grpc::ServerUnaryReactor* ModelWorkerHandler::CreateModelWorker(
    grpc::CallbackServerContext* context,
    const v1::CreateModelWorkerRequest* request,
    v1::CreateModelWorkerResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        const v1::ModelWorker& in = request->model_worker();
        ASSIGN_OR_RETURN(ModelWorkerLevel level,
                         rpc::FromProtoEnum<ModelWorkerLevel>(
                             "model_worker.level", in.level(),
                             v1::ModelWorkerLevel_IsValid));
        ASSIGN_OR_RETURN(std::vector<HardshipCause> causes, CausesOf(in));
        NewModelWorker n{in.member_id(),    level,
                         in.title(),        in.award_year(),
                         std::move(causes), in.notes()};
        ASSIGN_OR_RETURN(
            ModelWorker w,
            service_->Create(caller, outbox::RequestKeyOf(*request), n));
        *response->mutable_model_worker() = ToProto(w);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* ModelWorkerHandler::GetModelWorker(
    grpc::CallbackServerContext* context,
    const v1::GetModelWorkerRequest* request,
    v1::GetModelWorkerResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(ModelWorker w, service_->Get(caller, request->id()));
        *response->mutable_model_worker() = ToProto(w);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* ModelWorkerHandler::ListModelWorkers(
    grpc::CallbackServerContext* context,
    const v1::ListModelWorkersRequest* request,
    v1::ListModelWorkersResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ModelWorkerQuery q;
        q.organisation_id = request->organisation_id();
        ASSIGN_OR_RETURN(q.level, rpc::FromProtoEnum<ModelWorkerLevel>(
                                      "level", request->level(),
                                      v1::ModelWorkerLevel_IsValid));
        q.only_in_hardship = request->only_in_hardship();
        q.page_size = request->page_size();
        q.page_token = request->page_token();
        ASSIGN_OR_RETURN(Page<ModelWorker> page, service_->List(caller, q));
        for (const ModelWorker& w : page.items)
          *response->add_model_workers() = ToProto(w);
        response->set_next_page_token(page.next_page_token);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* ModelWorkerHandler::UpdateModelWorker(
    grpc::CallbackServerContext* context,
    const v1::UpdateModelWorkerRequest* request,
    v1::UpdateModelWorkerResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        const auto& mask = request->update_mask();
        RETURN_IF_ERROR(rpc::CheckUpdateMask(
            mask,
            {"level", "title", "award_year", "hardship_causes", "notes"}));
        const v1::ModelWorker& in = request->model_worker();
        ModelWorkerPatch patch;
        if (rpc::InMask(mask, "level")) {
          ASSIGN_OR_RETURN(patch.level, rpc::FromProtoEnum<ModelWorkerLevel>(
                                            "model_worker.level", in.level(),
                                            v1::ModelWorkerLevel_IsValid));
        }
        if (rpc::InMask(mask, "title")) patch.title = in.title();
        if (rpc::InMask(mask, "award_year")) patch.award_year = in.award_year();
        if (rpc::InMask(mask, "hardship_causes")) {
          ASSIGN_OR_RETURN(patch.hardship_causes, CausesOf(in));
        }
        if (rpc::InMask(mask, "notes")) patch.notes = in.notes();
        ASSIGN_OR_RETURN(ModelWorker w, service_->Update(caller, in.id(), patch,
                                                         request->etag()));
        *response->mutable_model_worker() = ToProto(w);
        return absl::OkStatus();
      });
}

}  // namespace unionhub::membership
