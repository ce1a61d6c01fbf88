#include "services/democracy/congress/congress_handler.h"

#include "libs/base/status_macros.h"
#include "libs/rpc/enums.h"
#include "libs/rpc/field_mask.h"
#include "services/democracy/convert.h"

namespace unionhub::democracy {

grpc::ServerUnaryReactor* CongressHandler::CreateCongressTerm(
    grpc::CallbackServerContext* context,
    const v1::CreateCongressTermRequest* request,
    v1::CreateCongressTermResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        const v1::CongressTerm& in = request->term();
        NewTerm n;
        n.organisation_id = in.organisation_id();
        ASSIGN_OR_RETURN(
            n.kind, rpc::FromProtoEnum<CongressKind>("term.kind", in.kind(),
                                                     v1::CongressKind_IsValid));
        n.number = in.number();
        n.start_date = in.start_date();
        n.end_date = in.end_date();
        n.co_signers_required = in.co_signers_required();
        ASSIGN_OR_RETURN(
            n.composition_rules,
            FromProto("term.composition_rules", in.composition_rules()));
        ASSIGN_OR_RETURN(
            CongressTerm t,
            service_->CreateTerm(caller, outbox::RequestKeyOf(*request), n));
        *response->mutable_term() = ToProto(t);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* CongressHandler::GetCongressTerm(
    grpc::CallbackServerContext* context,
    const v1::GetCongressTermRequest* request,
    v1::GetCongressTermResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(CongressTerm t,
                         service_->GetTerm(caller, request->id()));
        *response->mutable_term() = ToProto(t);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* CongressHandler::ListCongressTerms(
    grpc::CallbackServerContext* context,
    const v1::ListCongressTermsRequest* request,
    v1::ListCongressTermsResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(
            Page<CongressTerm> page,
            service_->ListTerms(caller, request->organisation_id(),
                                request->page_size(), request->page_token()));
        for (const CongressTerm& t : page.items)
          *response->add_terms() = ToProto(t);
        response->set_next_page_token(page.next_page_token);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* CongressHandler::UpdateCongressTerm(
    grpc::CallbackServerContext* context,
    const v1::UpdateCongressTermRequest* request,
    v1::UpdateCongressTermResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        const google::protobuf::FieldMask& mask = request->update_mask();
        RETURN_IF_ERROR(rpc::CheckUpdateMask(
            mask, {"end_date", "co_signers_required", "composition_rules"}));
        const v1::CongressTerm& in = request->term();
        TermChange change;
        change.id = in.id();
        change.end_date_set = rpc::InMask(mask, "end_date");
        change.end_date = in.end_date();
        change.co_signers_set = rpc::InMask(mask, "co_signers_required");
        change.co_signers_required = in.co_signers_required();
        change.rules_set = rpc::InMask(mask, "composition_rules");
        ASSIGN_OR_RETURN(
            change.composition_rules,
            FromProto("term.composition_rules", in.composition_rules()));
        ASSIGN_OR_RETURN(CongressTerm t,
                         service_->UpdateTerm(caller, change, request->etag()));
        *response->mutable_term() = ToProto(t);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* CongressHandler::CreateCongressSession(
    grpc::CallbackServerContext* context,
    const v1::CreateCongressSessionRequest* request,
    v1::CreateCongressSessionResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        const v1::CongressSession& in = request->session();
        NewSession n{in.term_id(), in.start_date(), in.end_date(),
                     in.proposal_window_start_date(),
                     in.proposal_window_end_date()};
        ASSIGN_OR_RETURN(
            CongressSession c,
            service_->CreateSession(caller, outbox::RequestKeyOf(*request), n));
        *response->mutable_session() = ToProto(c);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* CongressHandler::GetCongressSession(
    grpc::CallbackServerContext* context,
    const v1::GetCongressSessionRequest* request,
    v1::GetCongressSessionResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(CongressSession c,
                         service_->GetSession(caller, request->id()));
        *response->mutable_session() = ToProto(c);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* CongressHandler::ListCongressSessions(
    grpc::CallbackServerContext* context,
    const v1::ListCongressSessionsRequest* request,
    v1::ListCongressSessionsResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(Page<CongressSession> page,
                         service_->ListSessions(caller, request->term_id(),
                                                request->page_size(),
                                                request->page_token()));
        for (const CongressSession& c : page.items)
          *response->add_sessions() = ToProto(c);
        response->set_next_page_token(page.next_page_token);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* CongressHandler::OpenCongressSession(
    grpc::CallbackServerContext* context,
    const v1::OpenCongressSessionRequest* request,
    v1::OpenCongressSessionResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(
            CongressSession c,
            service_->OpenSession(caller, request->id(), request->etag()));
        *response->mutable_session() = ToProto(c);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* CongressHandler::CloseCongressSession(
    grpc::CallbackServerContext* context,
    const v1::CloseCongressSessionRequest* request,
    v1::CloseCongressSessionResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(
            CongressSession c,
            service_->CloseSession(caller, request->id(), request->etag()));
        *response->mutable_session() = ToProto(c);
        return absl::OkStatus();
      });
}

}  // namespace unionhub::democracy
