// gRPC front of v1::EvaluationService: proto in, domain call, proto out.
#ifndef UNIONHUB_SERVICES_DEMOCRACY_EVALUATIONS_EVALUATION_HANDLER_H_
#define UNIONHUB_SERVICES_DEMOCRACY_EVALUATIONS_EVALUATION_HANDLER_H_

#include "libs/rpc/call.h"
#include "services/democracy/evaluations/evaluations.h"
#include "unionhub/democracy/v1/evaluations.grpc.pb.h"

namespace unionhub::democracy {

class EvaluationHandler final : public v1::EvaluationService::CallbackService {
 public:
  EvaluationHandler(Evaluations* service, rpc::CallEnv env)
      : service_(service), env_(env) {}

  grpc::ServerUnaryReactor* CreateEvaluationRound(
      grpc::CallbackServerContext* context,
      const v1::CreateEvaluationRoundRequest* request,
      v1::CreateEvaluationRoundResponse* response) override;
  grpc::ServerUnaryReactor* GetEvaluationRound(
      grpc::CallbackServerContext* context,
      const v1::GetEvaluationRoundRequest* request,
      v1::GetEvaluationRoundResponse* response) override;
  grpc::ServerUnaryReactor* ListEvaluationRounds(
      grpc::CallbackServerContext* context,
      const v1::ListEvaluationRoundsRequest* request,
      v1::ListEvaluationRoundsResponse* response) override;
  grpc::ServerUnaryReactor* CastEvaluationBallot(
      grpc::CallbackServerContext* context,
      const v1::CastEvaluationBallotRequest* request,
      v1::CastEvaluationBallotResponse* response) override;
  grpc::ServerUnaryReactor* CloseEvaluationRound(
      grpc::CallbackServerContext* context,
      const v1::CloseEvaluationRoundRequest* request,
      v1::CloseEvaluationRoundResponse* response) override;
  grpc::ServerUnaryReactor* GetEvaluationResults(
      grpc::CallbackServerContext* context,
      const v1::GetEvaluationResultsRequest* request,
      v1::GetEvaluationResultsResponse* response) override;

 private:
  Evaluations* service_;
  rpc::CallEnv env_;
};

}  // namespace unionhub::democracy

#endif  // UNIONHUB_SERVICES_DEMOCRACY_EVALUATIONS_EVALUATION_HANDLER_H_
