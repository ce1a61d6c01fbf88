// gRPC front of v1::CongressService (terms and sessions): proto in, domain
// call, proto out.
#ifndef UNIONHUB_SERVICES_DEMOCRACY_CONGRESS_CONGRESS_HANDLER_H_
#define UNIONHUB_SERVICES_DEMOCRACY_CONGRESS_CONGRESS_HANDLER_H_

#include "libs/rpc/call.h"
#include "services/democracy/congress/congress.h"
#include "unionhub/democracy/v1/congress.grpc.pb.h"

namespace unionhub::democracy {

class CongressHandler final : public v1::CongressService::CallbackService {
 public:
  CongressHandler(Congress* service, rpc::CallEnv env)
      : service_(service), env_(env) {}

  grpc::ServerUnaryReactor* CreateCongressTerm(
      grpc::CallbackServerContext* context,
      const v1::CreateCongressTermRequest* request,
      v1::CreateCongressTermResponse* response) override;
  grpc::ServerUnaryReactor* GetCongressTerm(
      grpc::CallbackServerContext* context,
      const v1::GetCongressTermRequest* request,
      v1::GetCongressTermResponse* response) override;
  grpc::ServerUnaryReactor* ListCongressTerms(
      grpc::CallbackServerContext* context,
      const v1::ListCongressTermsRequest* request,
      v1::ListCongressTermsResponse* response) override;
  grpc::ServerUnaryReactor* UpdateCongressTerm(
      grpc::CallbackServerContext* context,
      const v1::UpdateCongressTermRequest* request,
      v1::UpdateCongressTermResponse* response) override;
  grpc::ServerUnaryReactor* CreateCongressSession(
      grpc::CallbackServerContext* context,
      const v1::CreateCongressSessionRequest* request,
      v1::CreateCongressSessionResponse* response) override;
  grpc::ServerUnaryReactor* GetCongressSession(
      grpc::CallbackServerContext* context,
      const v1::GetCongressSessionRequest* request,
      v1::GetCongressSessionResponse* response) override;
  grpc::ServerUnaryReactor* ListCongressSessions(
      grpc::CallbackServerContext* context,
      const v1::ListCongressSessionsRequest* request,
      v1::ListCongressSessionsResponse* response) override;
  grpc::ServerUnaryReactor* OpenCongressSession(
      grpc::CallbackServerContext* context,
      const v1::OpenCongressSessionRequest* request,
      v1::OpenCongressSessionResponse* response) override;
  grpc::ServerUnaryReactor* CloseCongressSession(
      grpc::CallbackServerContext* context,
      const v1::CloseCongressSessionRequest* request,
      v1::CloseCongressSessionResponse* response) override;

 private:
  Congress* service_;
  rpc::CallEnv env_;
};

}  // namespace unionhub::democracy

#endif  // UNIONHUB_SERVICES_DEMOCRACY_CONGRESS_CONGRESS_HANDLER_H_
