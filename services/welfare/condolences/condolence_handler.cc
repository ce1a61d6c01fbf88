#include "services/welfare/condolences/condolence_handler.h"

#include "libs/base/status_macros.h"
#include "libs/rpc/enums.h"
#include "services/welfare/convert.h"

namespace unionhub::welfare {
namespace {

absl::StatusOr<CondolenceEvent> EventOf(absl::string_view field, int event) {
  return rpc::FromProtoEnum<CondolenceEvent>(field, event,
                                             v1::CondolenceEvent_IsValid);
}

}  // namespace

grpc::ServerUnaryReactor* CondolenceHandler::CreateCondolenceStandard(
    grpc::CallbackServerContext* context,
    const v1::CreateCondolenceStandardRequest* request,
    v1::CreateCondolenceStandardResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        const v1::CondolenceStandard& in = request->standard();
        NewCondolenceStandard n;
        n.organisation_id = in.organisation_id();
        ASSIGN_OR_RETURN(n.event, EventOf("standard.event", in.event()));
        n.effective_date = in.effective_date();
        n.min_amount_fen = in.min_amount_fen();
        n.max_amount_fen = in.max_amount_fen();
        ASSIGN_OR_RETURN(n.paying_level,
                         rpc::FromProtoEnum<PayingLevel>(
                             "standard.paying_level", in.paying_level(),
                             v1::PayingLevel_IsValid));
        ASSIGN_OR_RETURN(n.form, rpc::FromProtoEnum<CondolenceForm>(
                                     "standard.form", in.form(),
                                     v1::CondolenceForm_IsValid));
        n.max_visits_per_year = in.max_visits_per_year();
        n.max_fen_per_year = in.max_fen_per_year();
        ASSIGN_OR_RETURN(CondolenceStandard c,
                         service_->CreateStandard(
                             caller, outbox::RequestKeyOf(*request), n));
        *response->mutable_standard() = ToProto(c);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* CondolenceHandler::ListCondolenceStandards(
    grpc::CallbackServerContext* context,
    const v1::ListCondolenceStandardsRequest* request,
    v1::ListCondolenceStandardsResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(CondolenceEvent event,
                         EventOf("event", request->event()));
        ASSIGN_OR_RETURN(Page<CondolenceStandard> page,
                         service_->ListStandards(
                             caller, request->organisation_id(), event,
                             request->page_size(), request->page_token()));
        for (const CondolenceStandard& c : page.items)
          *response->add_standards() = ToProto(c);
        response->set_next_page_token(page.next_page_token);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* CondolenceHandler::GetEffectiveCondolenceStandards(
    grpc::CallbackServerContext* context,
    const v1::GetEffectiveCondolenceStandardsRequest* request,
    v1::GetEffectiveCondolenceStandardsResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(
            std::vector<CondolenceStandard> standards,
            service_->EffectiveStandards(caller, request->organisation_id(),
                                         request->date()));
        for (const CondolenceStandard& c : standards)
          *response->add_standards() = ToProto(c);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* CondolenceHandler::RecordCondolenceVisit(
    grpc::CallbackServerContext* context,
    const v1::RecordCondolenceVisitRequest* request,
    v1::RecordCondolenceVisitResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        const v1::CondolenceVisit& in = request->visit();
        NewCondolenceVisit n;
        n.person_id = in.person_id();
        ASSIGN_OR_RETURN(n.event, EventOf("visit.event", in.event()));
        n.visit_date = in.visit_date();
        n.amount_fen = in.amount_fen();
        n.note = in.note();
        ASSIGN_OR_RETURN(
            CondolenceVisit visit,
            service_->RecordVisit(caller, outbox::RequestKeyOf(*request), n));
        *response->mutable_visit() = ToProto(visit);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* CondolenceHandler::GetCondolenceVisit(
    grpc::CallbackServerContext* context,
    const v1::GetCondolenceVisitRequest* request,
    v1::GetCondolenceVisitResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(CondolenceVisit visit,
                         service_->GetVisit(caller, request->id()));
        *response->mutable_visit() = ToProto(visit);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* CondolenceHandler::ListCondolenceVisits(
    grpc::CallbackServerContext* context,
    const v1::ListCondolenceVisitsRequest* request,
    v1::ListCondolenceVisitsResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        CondolenceVisitQuery q;
        q.organisation_id = request->organisation_id();
        q.year = request->year();
        ASSIGN_OR_RETURN(q.event, EventOf("event", request->event()));
        q.person_id = request->person_id();
        q.page_size = request->page_size();
        q.page_token = request->page_token();
        ASSIGN_OR_RETURN(Page<CondolenceVisit> page,
                         service_->ListVisits(caller, q));
        for (const CondolenceVisit& visit : page.items)
          *response->add_visits() = ToProto(visit);
        response->set_next_page_token(page.next_page_token);
        return absl::OkStatus();
      });
}

}  // namespace unionhub::welfare
