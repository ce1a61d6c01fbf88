// gRPC front of v1::RepresentativeService: proto in, domain call, proto out.
#ifndef UNIONHUB_SERVICES_DEMOCRACY_REPRESENTATIVES_REPRESENTATIVE_HANDLER_H_
#define UNIONHUB_SERVICES_DEMOCRACY_REPRESENTATIVES_REPRESENTATIVE_HANDLER_H_

#include "libs/rpc/call.h"
#include "services/democracy/representatives/representatives.h"
#include "unionhub/democracy/v1/representatives.grpc.pb.h"

namespace unionhub::democracy {

class RepresentativeHandler final
    : public v1::RepresentativeService::CallbackService {
 public:
  RepresentativeHandler(Representatives* service, rpc::CallEnv env)
      : service_(service), env_(env) {}

  grpc::ServerUnaryReactor* ElectRepresentative(
      grpc::CallbackServerContext* context,
      const v1::ElectRepresentativeRequest* request,
      v1::ElectRepresentativeResponse* response) override;
  grpc::ServerUnaryReactor* GetRepresentative(
      grpc::CallbackServerContext* context,
      const v1::GetRepresentativeRequest* request,
      v1::GetRepresentativeResponse* response) override;
  grpc::ServerUnaryReactor* ListRepresentatives(
      grpc::CallbackServerContext* context,
      const v1::ListRepresentativesRequest* request,
      v1::ListRepresentativesResponse* response) override;
  grpc::ServerUnaryReactor* ReviewRepresentative(
      grpc::CallbackServerContext* context,
      const v1::ReviewRepresentativeRequest* request,
      v1::ReviewRepresentativeResponse* response) override;
  grpc::ServerUnaryReactor* CompleteQualificationReview(
      grpc::CallbackServerContext* context,
      const v1::CompleteQualificationReviewRequest* request,
      v1::CompleteQualificationReviewResponse* response) override;
  grpc::ServerUnaryReactor* ReplaceRepresentative(
      grpc::CallbackServerContext* context,
      const v1::ReplaceRepresentativeRequest* request,
      v1::ReplaceRepresentativeResponse* response) override;
  grpc::ServerUnaryReactor* GetComposition(
      grpc::CallbackServerContext* context,
      const v1::GetCompositionRequest* request,
      v1::GetCompositionResponse* response) override;

 private:
  Representatives* service_;
  rpc::CallEnv env_;
};

}  // namespace unionhub::democracy

#endif  // UNIONHUB_SERVICES_DEMOCRACY_REPRESENTATIVES_REPRESENTATIVE_HANDLER_H_
