// AuthService over gRPC (and, through the in-process channel, Connect): the
// FrontDoor admits each call like any other (FrontDoorGate), then KeyService
// does the work on the executor.
#ifndef UNIONHUB_GATEWAY_AUTH_HANDLER_H_
#define UNIONHUB_GATEWAY_AUTH_HANDLER_H_

#include "gateway/front_door.h"
#include "gateway/key_service.h"
#include "unionhub/gateway/v1/auth.grpc.pb.h"

namespace unionhub::gateway {

class AuthHandler final : public v1::AuthService::CallbackService {
 public:
  AuthHandler(rpc::CallEnv env, KeyService* keys) : env_(env), keys_(keys) {}

  grpc::ServerUnaryReactor* IssueApiKey(
      grpc::CallbackServerContext* context,
      const v1::IssueApiKeyRequest* request,
      v1::IssueApiKeyResponse* response) override;
  grpc::ServerUnaryReactor* ListApiKeys(
      grpc::CallbackServerContext* context,
      const v1::ListApiKeysRequest* request,
      v1::ListApiKeysResponse* response) override;
  grpc::ServerUnaryReactor* RevokeApiKey(
      grpc::CallbackServerContext* context,
      const v1::RevokeApiKeyRequest* request,
      v1::RevokeApiKeyResponse* response) override;
  grpc::ServerUnaryReactor* WhoAmI(grpc::CallbackServerContext* context,
                                   const v1::WhoAmIRequest* request,
                                   v1::WhoAmIResponse* response) override;

 private:
  rpc::CallEnv env_;  // Admitted by the FrontDoorGate.
  KeyService* keys_;
};

}  // namespace unionhub::gateway

#endif  // UNIONHUB_GATEWAY_AUTH_HANDLER_H_
