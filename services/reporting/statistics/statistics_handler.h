// gRPC front of v1::StatisticsService: proto in, domain call, proto out.
#ifndef UNIONHUB_SERVICES_REPORTING_STATISTICS_STATISTICS_HANDLER_H_
#define UNIONHUB_SERVICES_REPORTING_STATISTICS_STATISTICS_HANDLER_H_

#include "libs/rpc/call.h"
#include "services/reporting/statistics/statistics.h"
#include "unionhub/reporting/v1/statistics.grpc.pb.h"

namespace unionhub::reporting {

class StatisticsHandler final : public v1::StatisticsService::CallbackService {
 public:
  StatisticsHandler(Statistics* statistics, rpc::CallEnv env)
      : statistics_(statistics), env_(env) {}

  grpc::ServerUnaryReactor* GetStatisticsForm(
      grpc::CallbackServerContext* context,
      const v1::GetStatisticsFormRequest* request,
      v1::GetStatisticsFormResponse* response) override;
  grpc::ServerUnaryReactor* UpdateStatisticsForm(
      grpc::CallbackServerContext* context,
      const v1::UpdateStatisticsFormRequest* request,
      v1::UpdateStatisticsFormResponse* response) override;
  grpc::ServerUnaryReactor* SubmitStatisticsForm(
      grpc::CallbackServerContext* context,
      const v1::SubmitStatisticsFormRequest* request,
      v1::SubmitStatisticsFormResponse* response) override;
  grpc::ServerUnaryReactor* ReviewStatisticsForm(
      grpc::CallbackServerContext* context,
      const v1::ReviewStatisticsFormRequest* request,
      v1::ReviewStatisticsFormResponse* response) override;
  grpc::ServerUnaryReactor* ExemptStatisticsForm(
      grpc::CallbackServerContext* context,
      const v1::ExemptStatisticsFormRequest* request,
      v1::ExemptStatisticsFormResponse* response) override;
  grpc::ServerUnaryReactor* ListChildForms(
      grpc::CallbackServerContext* context,
      const v1::ListChildFormsRequest* request,
      v1::ListChildFormsResponse* response) override;

 private:
  Statistics* statistics_;
  rpc::CallEnv env_;
};

}  // namespace unionhub::reporting

#endif  // UNIONHUB_SERVICES_REPORTING_STATISTICS_STATISTICS_HANDLER_H_
