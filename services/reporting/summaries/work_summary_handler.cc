#include "services/reporting/summaries/work_summary_handler.h"

#include "libs/base/status_macros.h"
#include "libs/rpc/proto_time.h"
#include "services/reporting/convert.h"

namespace unionhub::reporting {

grpc::ServerUnaryReactor* WorkSummaryHandler::DraftWorkSummary(
    grpc::CallbackServerContext* context,
    const v1::DraftWorkSummaryRequest* request,
    v1::DraftWorkSummaryResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(WorkSummary w,
                         summaries_->Draft(caller, request->organisation_id(),
                                           request->year()));
        *response->mutable_summary() = ToProto(w);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* WorkSummaryHandler::SaveWorkSummary(
    grpc::CallbackServerContext* context,
    const v1::SaveWorkSummaryRequest* request,
    v1::SaveWorkSummaryResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(
            WorkSummary w,
            summaries_->Save(caller, request->organisation_id(),
                             request->year(), FromProto(request->sections()),
                             request->base_version()));
        *response->mutable_summary() = ToProto(w);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* WorkSummaryHandler::GetWorkSummary(
    grpc::CallbackServerContext* context,
    const v1::GetWorkSummaryRequest* request,
    v1::GetWorkSummaryResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(WorkSummary w,
                         summaries_->Get(caller, request->organisation_id(),
                                         request->year(), request->version()));
        *response->mutable_summary() = ToProto(w);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* WorkSummaryHandler::ListWorkSummaryVersions(
    grpc::CallbackServerContext* context,
    const v1::ListWorkSummaryVersionsRequest* request,
    v1::ListWorkSummaryVersionsResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(
            std::vector<WorkSummary> versions,
            summaries_->ListVersions(caller, request->organisation_id(),
                                     request->year()));
        for (const WorkSummary& w : versions) {
          v1::WorkSummaryVersion* p = response->add_versions();
          p->set_version(w.version);
          p->set_key_id(w.key_id);
          rpc::SetProtoTime(w.create_time, p->mutable_create_time());
        }
        return absl::OkStatus();
      });
}

}  // namespace unionhub::reporting
