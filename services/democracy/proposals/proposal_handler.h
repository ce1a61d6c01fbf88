// gRPC front of v1::ProposalService: proto in, domain call, proto out.
#ifndef UNIONHUB_SERVICES_DEMOCRACY_PROPOSALS_PROPOSAL_HANDLER_H_
#define UNIONHUB_SERVICES_DEMOCRACY_PROPOSALS_PROPOSAL_HANDLER_H_

#include "libs/rpc/call.h"
#include "services/democracy/proposals/proposals.h"
#include "unionhub/democracy/v1/proposals.grpc.pb.h"

namespace unionhub::democracy {

class ProposalHandler final : public v1::ProposalService::CallbackService {
 public:
  ProposalHandler(Proposals* service, rpc::CallEnv env)
      : service_(service), env_(env) {}

  grpc::ServerUnaryReactor* SubmitProposal(
      grpc::CallbackServerContext* context,
      const v1::SubmitProposalRequest* request,
      v1::SubmitProposalResponse* response) override;
  grpc::ServerUnaryReactor* GetProposal(
      grpc::CallbackServerContext* context,
      const v1::GetProposalRequest* request,
      v1::GetProposalResponse* response) override;
  grpc::ServerUnaryReactor* ListProposals(
      grpc::CallbackServerContext* context,
      const v1::ListProposalsRequest* request,
      v1::ListProposalsResponse* response) override;
  grpc::ServerUnaryReactor* TriageProposal(
      grpc::CallbackServerContext* context,
      const v1::TriageProposalRequest* request,
      v1::TriageProposalResponse* response) override;
  grpc::ServerUnaryReactor* MergeProposals(
      grpc::CallbackServerContext* context,
      const v1::MergeProposalsRequest* request,
      v1::MergeProposalsResponse* response) override;
  grpc::ServerUnaryReactor* AssignProposal(
      grpc::CallbackServerContext* context,
      const v1::AssignProposalRequest* request,
      v1::AssignProposalResponse* response) override;
  grpc::ServerUnaryReactor* ReplyProposal(
      grpc::CallbackServerContext* context,
      const v1::ReplyProposalRequest* request,
      v1::ReplyProposalResponse* response) override;
  grpc::ServerUnaryReactor* RateProposal(
      grpc::CallbackServerContext* context,
      const v1::RateProposalRequest* request,
      v1::RateProposalResponse* response) override;
  grpc::ServerUnaryReactor* ListProposalSteps(
      grpc::CallbackServerContext* context,
      const v1::ListProposalStepsRequest* request,
      v1::ListProposalStepsResponse* response) override;
  grpc::ServerUnaryReactor* SetProposalDepartments(
      grpc::CallbackServerContext* context,
      const v1::SetProposalDepartmentsRequest* request,
      v1::SetProposalDepartmentsResponse* response) override;
  grpc::ServerUnaryReactor* GetProposalDepartments(
      grpc::CallbackServerContext* context,
      const v1::GetProposalDepartmentsRequest* request,
      v1::GetProposalDepartmentsResponse* response) override;
  grpc::ServerUnaryReactor* PublishProposals(
      grpc::CallbackServerContext* context,
      const v1::PublishProposalsRequest* request,
      v1::PublishProposalsResponse* response) override;
  grpc::ServerUnaryReactor* SummarizeProposals(
      grpc::CallbackServerContext* context,
      const v1::SummarizeProposalsRequest* request,
      v1::SummarizeProposalsResponse* response) override;

 private:
  Proposals* service_;
  rpc::CallEnv env_;
};

}  // namespace unionhub::democracy

#endif  // UNIONHUB_SERVICES_DEMOCRACY_PROPOSALS_PROPOSAL_HANDLER_H_
