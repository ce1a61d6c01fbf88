// gRPC front of v1::HardshipService (hardship files): proto in, domain call,
// proto out.
#ifndef UNIONHUB_SERVICES_WELFARE_HARDSHIP_HARDSHIP_HANDLER_H_
#define UNIONHUB_SERVICES_WELFARE_HARDSHIP_HARDSHIP_HANDLER_H_

#include "libs/rpc/call.h"
#include "services/welfare/hardship/hardship.h"
#include "unionhub/welfare/v1/hardship.grpc.pb.h"

namespace unionhub::welfare {

class HardshipHandler final : public v1::HardshipService::CallbackService {
 public:
  HardshipHandler(Hardship* service, rpc::CallEnv env)
      : service_(service), env_(env) {}

  grpc::ServerUnaryReactor* CreateHardshipFile(
      grpc::CallbackServerContext* context,
      const v1::CreateHardshipFileRequest* request,
      v1::CreateHardshipFileResponse* response) override;
  grpc::ServerUnaryReactor* GetHardshipFile(
      grpc::CallbackServerContext* context,
      const v1::GetHardshipFileRequest* request,
      v1::GetHardshipFileResponse* response) override;
  grpc::ServerUnaryReactor* ListHardshipFiles(
      grpc::CallbackServerContext* context,
      const v1::ListHardshipFilesRequest* request,
      v1::ListHardshipFilesResponse* response) override;
  grpc::ServerUnaryReactor* UpdateHardshipFile(
      grpc::CallbackServerContext* context,
      const v1::UpdateHardshipFileRequest* request,
      v1::UpdateHardshipFileResponse* response) override;
  grpc::ServerUnaryReactor* StartHardshipPublicity(
      grpc::CallbackServerContext* context,
      const v1::StartHardshipPublicityRequest* request,
      v1::StartHardshipPublicityResponse* response) override;
  grpc::ServerUnaryReactor* FileHardshipObjection(
      grpc::CallbackServerContext* context,
      const v1::FileHardshipObjectionRequest* request,
      v1::FileHardshipObjectionResponse* response) override;
  grpc::ServerUnaryReactor* AnswerHardshipObjection(
      grpc::CallbackServerContext* context,
      const v1::AnswerHardshipObjectionRequest* request,
      v1::AnswerHardshipObjectionResponse* response) override;
  grpc::ServerUnaryReactor* ListHardshipObjections(
      grpc::CallbackServerContext* context,
      const v1::ListHardshipObjectionsRequest* request,
      v1::ListHardshipObjectionsResponse* response) override;
  grpc::ServerUnaryReactor* ApproveHardshipFile(
      grpc::CallbackServerContext* context,
      const v1::ApproveHardshipFileRequest* request,
      v1::ApproveHardshipFileResponse* response) override;
  grpc::ServerUnaryReactor* RecheckHardshipFile(
      grpc::CallbackServerContext* context,
      const v1::RecheckHardshipFileRequest* request,
      v1::RecheckHardshipFileResponse* response) override;
  grpc::ServerUnaryReactor* ExitHardshipFile(
      grpc::CallbackServerContext* context,
      const v1::ExitHardshipFileRequest* request,
      v1::ExitHardshipFileResponse* response) override;
  grpc::ServerUnaryReactor* ListHardshipFileSteps(
      grpc::CallbackServerContext* context,
      const v1::ListHardshipFileStepsRequest* request,
      v1::ListHardshipFileStepsResponse* response) override;

 private:
  Hardship* service_;
  rpc::CallEnv env_;
};

}  // namespace unionhub::welfare

#endif  // UNIONHUB_SERVICES_WELFARE_HARDSHIP_HARDSHIP_HANDLER_H_
