// gRPC front of v1::WorkSummaryService: proto in, domain call, proto out.
#ifndef UNIONHUB_SERVICES_REPORTING_SUMMARIES_WORK_SUMMARY_HANDLER_H_
#define UNIONHUB_SERVICES_REPORTING_SUMMARIES_WORK_SUMMARY_HANDLER_H_

#include "libs/rpc/call.h"
#include "services/reporting/summaries/work_summaries.h"
#include "unionhub/reporting/v1/summaries.grpc.pb.h"

namespace unionhub::reporting {

class WorkSummaryHandler final
    : public v1::WorkSummaryService::CallbackService {
 public:
  WorkSummaryHandler(WorkSummaries* summaries, rpc::CallEnv env)
      : summaries_(summaries), env_(env) {}

  grpc::ServerUnaryReactor* DraftWorkSummary(
      grpc::CallbackServerContext* context,
      const v1::DraftWorkSummaryRequest* request,
      v1::DraftWorkSummaryResponse* response) override;
  grpc::ServerUnaryReactor* SaveWorkSummary(
      grpc::CallbackServerContext* context,
      const v1::SaveWorkSummaryRequest* request,
      v1::SaveWorkSummaryResponse* response) override;
  grpc::ServerUnaryReactor* GetWorkSummary(
      grpc::CallbackServerContext* context,
      const v1::GetWorkSummaryRequest* request,
      v1::GetWorkSummaryResponse* response) override;
  grpc::ServerUnaryReactor* ListWorkSummaryVersions(
      grpc::CallbackServerContext* context,
      const v1::ListWorkSummaryVersionsRequest* request,
      v1::ListWorkSummaryVersionsResponse* response) override;

 private:
  WorkSummaries* summaries_;
  rpc::CallEnv env_;
};

}  // namespace unionhub::reporting

#endif  // UNIONHUB_SERVICES_REPORTING_SUMMARIES_WORK_SUMMARY_HANDLER_H_
