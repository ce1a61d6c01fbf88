// gRPC front of v1::ExportService: the file is made on the service's
// executor, then streamed in pieces of 64 KiB, one write in flight at a time
// (so a slow reader holds at most one piece here).
#ifndef UNIONHUB_SERVICES_REPORTING_EXPORTS_EXPORT_HANDLER_H_
#define UNIONHUB_SERVICES_REPORTING_EXPORTS_EXPORT_HANDLER_H_

#include "libs/rpc/call.h"
#include "services/reporting/exports/exports.h"
#include "unionhub/reporting/v1/exports.grpc.pb.h"

namespace unionhub::reporting {

class ExportHandler final : public v1::ExportService::CallbackService {
 public:
  ExportHandler(Exports* exports, rpc::CallEnv env)
      : exports_(exports), env_(env) {}

  grpc::ServerWriteReactor<v1::ExportFiguresResponse>* ExportFigures(
      grpc::CallbackServerContext* context,
      const v1::ExportFiguresRequest* request) override;
  grpc::ServerWriteReactor<v1::ExportLeagueTableResponse>* ExportLeagueTable(
      grpc::CallbackServerContext* context,
      const v1::ExportLeagueTableRequest* request) override;
  grpc::ServerWriteReactor<v1::ExportStatisticsFormsResponse>*
  ExportStatisticsForms(
      grpc::CallbackServerContext* context,
      const v1::ExportStatisticsFormsRequest* request) override;

 private:
  Exports* exports_;
  rpc::CallEnv env_;
};

}  // namespace unionhub::reporting

#endif  // UNIONHUB_SERVICES_REPORTING_EXPORTS_EXPORT_HANDLER_H_
