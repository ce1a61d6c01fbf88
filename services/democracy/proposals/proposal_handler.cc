#include "services/democracy/proposals/proposal_handler.h"

#include "libs/base/status_macros.h"
#include "libs/rpc/enums.h"
#include "services/democracy/convert.h"

namespace unionhub::democracy {

grpc::ServerUnaryReactor* ProposalHandler::SubmitProposal(
    grpc::CallbackServerContext* context,
    const v1::SubmitProposalRequest* request,
    v1::SubmitProposalResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        const v1::Proposal& in = request->proposal();
        NewProposal n{in.session_id(),
                      in.title(),
                      in.content(),
                      in.proposer_id(),
                      {in.co_signer_ids().begin(), in.co_signer_ids().end()}};
        ASSIGN_OR_RETURN(
            Proposal p,
            service_->Submit(caller, outbox::RequestKeyOf(*request), n));
        *response->mutable_proposal() = ToProto(p);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* ProposalHandler::GetProposal(
    grpc::CallbackServerContext* context, const v1::GetProposalRequest* request,
    v1::GetProposalResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(Proposal p, service_->Get(caller, request->id()));
        *response->mutable_proposal() = ToProto(p);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* ProposalHandler::ListProposals(
    grpc::CallbackServerContext* context,
    const v1::ListProposalsRequest* request,
    v1::ListProposalsResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(
            ProposalStatus status,
            rpc::FromProtoEnum<ProposalStatus>("status", request->status(),
                                               v1::ProposalStatus_IsValid));
        ASSIGN_OR_RETURN(
            Page<Proposal> page,
            service_->List(caller, request->session_id(), status,
                           request->only_overdue(), request->page_size(),
                           request->page_token()));
        for (const Proposal& p : page.items)
          *response->add_proposals() = ToProto(p);
        response->set_next_page_token(page.next_page_token);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* ProposalHandler::TriageProposal(
    grpc::CallbackServerContext* context,
    const v1::TriageProposalRequest* request,
    v1::TriageProposalResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(
            TriageOutcome outcome,
            rpc::FromProtoEnum<TriageOutcome>("outcome", request->outcome(),
                                              v1::TriageOutcome_IsValid));
        ASSIGN_OR_RETURN(Proposal p,
                         service_->Triage(caller, request->id(), outcome,
                                          request->reason(), request->etag()));
        *response->mutable_proposal() = ToProto(p);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* ProposalHandler::MergeProposals(
    grpc::CallbackServerContext* context,
    const v1::MergeProposalsRequest* request,
    v1::MergeProposalsResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(Proposal p, service_->Merge(caller, request->into_id(),
                                                     {request->ids().begin(),
                                                      request->ids().end()}));
        *response->mutable_proposal() = ToProto(p);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* ProposalHandler::AssignProposal(
    grpc::CallbackServerContext* context,
    const v1::AssignProposalRequest* request,
    v1::AssignProposalResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(
            Proposal p,
            service_->Assign(caller, request->id(), request->department(),
                             request->reply_deadline(), request->etag()));
        *response->mutable_proposal() = ToProto(p);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* ProposalHandler::ReplyProposal(
    grpc::CallbackServerContext* context,
    const v1::ReplyProposalRequest* request,
    v1::ReplyProposalResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(
            Proposal p,
            service_->Reply(caller, request->id(), request->reply(),
                            request->reply_date(), request->etag()));
        *response->mutable_proposal() = ToProto(p);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* ProposalHandler::RateProposal(
    grpc::CallbackServerContext* context,
    const v1::RateProposalRequest* request,
    v1::RateProposalResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(
            ProposalRating rating,
            rpc::FromProtoEnum<ProposalRating>("rating", request->rating(),
                                               v1::ProposalRating_IsValid));
        ASSIGN_OR_RETURN(
            Proposal p,
            service_->Rate(caller, request->id(), rating, request->note(),
                           request->new_reply_deadline(), request->etag()));
        *response->mutable_proposal() = ToProto(p);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* ProposalHandler::ListProposalSteps(
    grpc::CallbackServerContext* context,
    const v1::ListProposalStepsRequest* request,
    v1::ListProposalStepsResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(std::vector<ProposalStep> steps,
                         service_->ListSteps(caller, request->proposal_id()));
        for (const ProposalStep& s : steps) *response->add_steps() = ToProto(s);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* ProposalHandler::SetProposalDepartments(
    grpc::CallbackServerContext* context,
    const v1::SetProposalDepartmentsRequest* request,
    v1::SetProposalDepartmentsResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(
            std::vector<std::string> departments,
            service_->SetDepartments(caller, request->organisation_id(),
                                     {request->departments().begin(),
                                      request->departments().end()}));
        for (const std::string& d : departments) response->add_departments(d);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* ProposalHandler::GetProposalDepartments(
    grpc::CallbackServerContext* context,
    const v1::GetProposalDepartmentsRequest* request,
    v1::GetProposalDepartmentsResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(
            std::vector<std::string> departments,
            service_->GetDepartments(caller, request->organisation_id()));
        for (const std::string& d : departments) response->add_departments(d);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* ProposalHandler::PublishProposals(
    grpc::CallbackServerContext* context,
    const v1::PublishProposalsRequest* request,
    v1::PublishProposalsResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(int published,
                         service_->Publish(caller, request->session_id(),
                                           request->published_date()));
        response->set_published(published);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* ProposalHandler::SummarizeProposals(
    grpc::CallbackServerContext* context,
    const v1::SummarizeProposalsRequest* request,
    v1::SummarizeProposalsResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(ProposalFigures f,
                         service_->Summarize(caller, request->session_id()));
        *response->mutable_figures() = ToProto(f);
        return absl::OkStatus();
      });
}

}  // namespace unionhub::democracy
