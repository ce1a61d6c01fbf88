#include "services/reporting/figures/figure_handler.h"

#include "absl/strings/str_format.h"
#include "libs/base/errors.h"
#include "libs/base/status_macros.h"
#include "services/reporting/convert.h"

namespace unionhub::reporting {

grpc::ServerUnaryReactor* FigureHandler::GetFigures(
    grpc::CallbackServerContext* context, const v1::GetFiguresRequest* request,
    v1::GetFiguresResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(YearKind kind, FromProto(request->year_kind()));
        std::vector<std::string> codes(request->indicator_codes().begin(),
                                       request->indicator_codes().end());
        ASSIGN_OR_RETURN(FiguresAnswer a,
                         figures_->Get(caller, request->organisation_id(),
                                       request->year(), kind, codes));
        response->set_organisation_id(a.organisation_id);
        *response->mutable_span() = ToProto(a.span);
        for (const FigureLine& f : a.figures) {
          v1::Figure* p = response->add_figures();
          p->set_code(f.code);
          *p->mutable_own() = ToProto(f.own);
          *p->mutable_subtree() = ToProto(f.subtree);
          *p->mutable_previous_own() = ToProto(f.previous_own);
          *p->mutable_previous_subtree() = ToProto(f.previous_subtree);
        }
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* FigureHandler::RankChildren(
    grpc::CallbackServerContext* context,
    const v1::RankChildrenRequest* request,
    v1::RankChildrenResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(YearKind kind, FromProto(request->year_kind()));
        ASSIGN_OR_RETURN(
            Ranking r,
            figures_->RankChildren(caller, request->organisation_id(),
                                   request->indicator_code(), request->year(),
                                   kind, request->ascending()));
        *response->mutable_span() = ToProto(r.span);
        for (const RankedChild& c : r.children) {
          v1::RankedOrganisation* p = response->add_organisations();
          p->set_rank(c.rank);
          p->set_organisation_id(c.organisation.id);
          p->set_name(c.organisation.name);
          *p->mutable_value() = ToProto(c.value);
          *p->mutable_previous_value() = ToProto(c.previous);
        }
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* FigureHandler::GetTrend(
    grpc::CallbackServerContext* context, const v1::GetTrendRequest* request,
    v1::GetTrendResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(YearKind kind, FromProto(request->year_kind()));
        ASSIGN_OR_RETURN(
            Trend t,
            figures_->GetTrend(caller, request->organisation_id(),
                               request->indicator_code(), request->year(), kind,
                               request->own_only()));
        *response->mutable_span() = ToProto(t.span);
        for (const MonthValue& m : t.months) {
          v1::MonthFigure* p = response->add_months();
          p->set_month(
              absl::StrFormat("%04d-%02d", m.month.year(), m.month.month()));
          *p->mutable_value() = ToProto(m.value);
        }
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* IndicatorHandler::ListIndicators(
    grpc::CallbackServerContext* context,
    const v1::ListIndicatorsRequest* request,
    v1::ListIndicatorsResponse* response) {
  return rpc::Unary(
      context, request, response, env_,
      [=](const auth::Caller&) -> absl::Status {
        const std::string& area = request->area();
        if (!area.empty() && area != "organisation" && area != "welfare" &&
            area != "democracy" && area != "activities") {
          return InvalidField("area",
                              "must be organisation, welfare, democracy or "
                              "activities");
        }
        for (const Indicator& i : Catalogue()) {
          if (request->area().empty() || request->area() == i.area)
            *response->add_indicators() = ToProto(i);
        }
        return absl::OkStatus();
      });
}

}  // namespace unionhub::reporting
