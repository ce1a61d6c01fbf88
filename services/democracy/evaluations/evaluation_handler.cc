#include "services/democracy/evaluations/evaluation_handler.h"

#include "absl/strings/str_cat.h"
#include "libs/base/status_macros.h"
#include "libs/rpc/enums.h"
#include "services/democracy/convert.h"

namespace unionhub::democracy {

grpc::ServerUnaryReactor* EvaluationHandler::CreateEvaluationRound(
    grpc::CallbackServerContext* context,
    const v1::CreateEvaluationRoundRequest* request,
    v1::CreateEvaluationRoundResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        const v1::EvaluationRound& in = request->round();
        NewEvaluationRound n{in.session_id(), in.title(), {}};
        for (const v1::EvaluatedLeader& l : in.leaders())
          n.leaders.push_back({l.name(), l.post()});
        ASSIGN_OR_RETURN(
            EvaluationRound r,
            service_->Create(caller, outbox::RequestKeyOf(*request), n));
        *response->mutable_round() = ToProto(r);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* EvaluationHandler::GetEvaluationRound(
    grpc::CallbackServerContext* context,
    const v1::GetEvaluationRoundRequest* request,
    v1::GetEvaluationRoundResponse* response) {
  return rpc::Unary(context, request, response, env_,
                    [=](const auth::Caller& caller) {
                      ASSIGN_OR_RETURN(EvaluationRound r,
                                       service_->Get(caller, request->id()));
                      *response->mutable_round() = ToProto(r);
                      return absl::OkStatus();
                    });
}

grpc::ServerUnaryReactor* EvaluationHandler::ListEvaluationRounds(
    grpc::CallbackServerContext* context,
    const v1::ListEvaluationRoundsRequest* request,
    v1::ListEvaluationRoundsResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(
            Page<EvaluationRound> page,
            service_->List(caller, request->session_id(), request->page_size(),
                           request->page_token()));
        for (const EvaluationRound& r : page.items)
          *response->add_rounds() = ToProto(r);
        response->set_next_page_token(page.next_page_token);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* EvaluationHandler::CastEvaluationBallot(
    grpc::CallbackServerContext* context,
    const v1::CastEvaluationBallotRequest* request,
    v1::CastEvaluationBallotResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        std::vector<EvaluationRating> ratings;
        for (int i = 0; i < request->ratings_size(); ++i) {
          ASSIGN_OR_RETURN(
              EvaluationRating rating,
              rpc::FromProtoEnum<EvaluationRating>(
                  absl::StrCat("ratings[", i, "]"), request->ratings(i),
                  v1::EvaluationRating_IsValid));
          ratings.push_back(rating);
        }
        ASSIGN_OR_RETURN(int ballots,
                         service_->Cast(caller, request->round_id(),
                                        request->representative_id(), ratings));
        response->set_ballots(ballots);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* EvaluationHandler::CloseEvaluationRound(
    grpc::CallbackServerContext* context,
    const v1::CloseEvaluationRoundRequest* request,
    v1::CloseEvaluationRoundResponse* response) {
  return rpc::Unary(context, request, response, env_,
                    [=](const auth::Caller& caller) {
                      ASSIGN_OR_RETURN(EvaluationRound r,
                                       service_->Close(caller, request->id()));
                      *response->mutable_round() = ToProto(r);
                      return absl::OkStatus();
                    });
}

grpc::ServerUnaryReactor* EvaluationHandler::GetEvaluationResults(
    grpc::CallbackServerContext* context,
    const v1::GetEvaluationResultsRequest* request,
    v1::GetEvaluationResultsResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(auto results,
                         service_->Results(caller, request->round_id()));
        *response->mutable_round() = ToProto(results.first);
        for (const LeaderResult& r : results.second)
          *response->add_results() = ToProto(r);
        return absl::OkStatus();
      });
}

}  // namespace unionhub::democracy
