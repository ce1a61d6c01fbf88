// gRPC front of v1::FigureService and v1::IndicatorService: proto in, domain
// call, proto out.
#ifndef UNIONHUB_SERVICES_REPORTING_FIGURES_FIGURE_HANDLER_H_
#define UNIONHUB_SERVICES_REPORTING_FIGURES_FIGURE_HANDLER_H_

#include "libs/rpc/call.h"
#include "services/reporting/figures/figures.h"
#include "unionhub/reporting/v1/figures.grpc.pb.h"
#include "unionhub/reporting/v1/indicators.grpc.pb.h"

namespace unionhub::reporting {

class FigureHandler final : public v1::FigureService::CallbackService {
 public:
  FigureHandler(Figures* figures, rpc::CallEnv env)
      : figures_(figures), env_(env) {}

  grpc::ServerUnaryReactor* GetFigures(
      grpc::CallbackServerContext* context,
      const v1::GetFiguresRequest* request,
      v1::GetFiguresResponse* response) override;
  grpc::ServerUnaryReactor* RankChildren(
      grpc::CallbackServerContext* context,
      const v1::RankChildrenRequest* request,
      v1::RankChildrenResponse* response) override;
  grpc::ServerUnaryReactor* GetTrend(grpc::CallbackServerContext* context,
                                     const v1::GetTrendRequest* request,
                                     v1::GetTrendResponse* response) override;

 private:
  Figures* figures_;
  rpc::CallEnv env_;
};

class IndicatorHandler final : public v1::IndicatorService::CallbackService {
 public:
  explicit IndicatorHandler(rpc::CallEnv env) : env_(env) {}

  grpc::ServerUnaryReactor* ListIndicators(
      grpc::CallbackServerContext* context,
      const v1::ListIndicatorsRequest* request,
      v1::ListIndicatorsResponse* response) override;

 private:
  rpc::CallEnv env_;
};

}  // namespace unionhub::reporting

#endif  // UNIONHUB_SERVICES_REPORTING_FIGURES_FIGURE_HANDLER_H_
