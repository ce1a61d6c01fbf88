#include "services/welfare/cases/case_handler.h"

#include "libs/base/status_macros.h"
#include "libs/rpc/enums.h"
#include "services/welfare/convert.h"

namespace unionhub::welfare {

grpc::ServerUnaryReactor* CaseHandler::CreateCase(
    grpc::CallbackServerContext* context, const v1::CreateCaseRequest* request,
    v1::CreateCaseResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        const v1::Case& in = request->case_();
        NewCase n;
        n.organisation_id = in.organisation_id();
        ASSIGN_OR_RETURN(n.kind,
                         rpc::FromProtoEnum<CaseKind>("case.kind", in.kind(),
                                                      v1::CaseKind_IsValid));
        ASSIGN_OR_RETURN(n.channel, rpc::FromProtoEnum<CaseChannel>(
                                        "case.channel", in.channel(),
                                        v1::CaseChannel_IsValid));
        ASSIGN_OR_RETURN(n.category, rpc::FromProtoEnum<CaseCategory>(
                                         "case.category", in.category(),
                                         v1::CaseCategory_IsValid));
        n.person_id = in.person_id();
        n.summary = in.summary();
        n.received_date = in.received_date();
        ASSIGN_OR_RETURN(
            Case c,
            service_->Create(caller, outbox::RequestKeyOf(*request), n));
        *response->mutable_case_() = ToProto(c);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* CaseHandler::GetCase(
    grpc::CallbackServerContext* context, const v1::GetCaseRequest* request,
    v1::GetCaseResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(Case c, service_->Get(caller, request->id()));
        *response->mutable_case_() = ToProto(c);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* CaseHandler::ListCases(
    grpc::CallbackServerContext* context, const v1::ListCasesRequest* request,
    v1::ListCasesResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        CaseQuery q;
        q.organisation_id = request->organisation_id();
        ASSIGN_OR_RETURN(q.kind,
                         rpc::FromProtoEnum<CaseKind>("kind", request->kind(),
                                                      v1::CaseKind_IsValid));
        ASSIGN_OR_RETURN(
            q.status, rpc::FromProtoEnum<CaseStatus>(
                          "status", request->status(), v1::CaseStatus_IsValid));
        q.only_overdue = request->only_overdue();
        q.page_size = request->page_size();
        q.page_token = request->page_token();
        ASSIGN_OR_RETURN(Page<Case> page, service_->List(caller, q));
        for (const Case& c : page.items) *response->add_cases() = ToProto(c);
        response->set_next_page_token(page.next_page_token);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* CaseHandler::AssignCase(
    grpc::CallbackServerContext* context, const v1::AssignCaseRequest* request,
    v1::AssignCaseResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(
            Case c, service_->Assign(caller, request->id(), request->assignee(),
                                     request->etag()));
        *response->mutable_case_() = ToProto(c);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* CaseHandler::EscalateCase(
    grpc::CallbackServerContext* context,
    const v1::EscalateCaseRequest* request,
    v1::EscalateCaseResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(
            Case c, service_->Escalate(caller, request->id(), request->reason(),
                                       request->etag()));
        *response->mutable_case_() = ToProto(c);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* CaseHandler::ResolveCase(
    grpc::CallbackServerContext* context, const v1::ResolveCaseRequest* request,
    v1::ResolveCaseResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(
            Case c,
            service_->Resolve(caller, request->id(), request->outcome(),
                              request->money_recovered_fen(),
                              request->resolved_date(), request->etag()));
        *response->mutable_case_() = ToProto(c);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* CaseHandler::RateCase(
    grpc::CallbackServerContext* context, const v1::RateCaseRequest* request,
    v1::RateCaseResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(CaseSatisfaction satisfaction,
                         rpc::FromProtoEnum<CaseSatisfaction>(
                             "satisfaction", request->satisfaction(),
                             v1::CaseSatisfaction_IsValid));
        ASSIGN_OR_RETURN(Case c, service_->Rate(caller, request->id(),
                                                satisfaction, request->etag()));
        *response->mutable_case_() = ToProto(c);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* CaseHandler::SetCasePromise(
    grpc::CallbackServerContext* context,
    const v1::SetCasePromiseRequest* request,
    v1::SetCasePromiseResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(
            int days, service_->SetPromise(caller, request->organisation_id(),
                                           request->promise_days()));
        response->set_organisation_id(request->organisation_id().empty()
                                          ? caller.organisation_id
                                          : request->organisation_id());
        response->set_promise_days(days);
        return absl::OkStatus();
      });
}

}  // namespace unionhub::welfare
