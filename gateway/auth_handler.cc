#include "gateway/auth_handler.h"

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "gateway/convert.h"
#include "libs/base/status_macros.h"
#include "libs/rpc/call.h"
#include "libs/rpc/proto_time.h"
#include "libs/rpc/status.h"

namespace unionhub::gateway {

grpc::ServerUnaryReactor* AuthHandler::IssueApiKey(
    grpc::CallbackServerContext* context, const v1::IssueApiKeyRequest* request,
    v1::IssueApiKeyResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        IssueKeyRequest r;
        r.idempotency = outbox::RequestKeyOf(*request);
        r.organisation_id = request->organisation_id();
        r.role = static_cast<auth::Role>(request->role());
        r.display_name = request->display_name();
        if (request->has_expire_time())
          r.expire_time = rpc::FromProtoTime(request->expire_time());
        ASSIGN_OR_RETURN(IssuedKey issued, keys_->Issue(caller, r));
        *response->mutable_api_key() = ToProto(issued.key);
        response->set_secret(issued.secret);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* AuthHandler::ListApiKeys(
    grpc::CallbackServerContext* context, const v1::ListApiKeysRequest* request,
    v1::ListApiKeysResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        KeyQuery q;
        q.organisation_id = request->organisation_id();
        q.include_inactive = request->include_inactive();
        q.page_size = request->page_size();
        q.page_token = request->page_token();
        ASSIGN_OR_RETURN(Page<ApiKey> page, keys_->List(caller, q));
        for (const ApiKey& key : page.items)
          *response->add_api_keys() = ToProto(key);
        response->set_next_page_token(page.next_page_token);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* AuthHandler::RevokeApiKey(
    grpc::CallbackServerContext* context,
    const v1::RevokeApiKeyRequest* request,
    v1::RevokeApiKeyResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(ApiKey key, keys_->Revoke(caller, request->id(),
                                                   request->reason()));
        *response->mutable_api_key() = ToProto(key);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* AuthHandler::WhoAmI(
    grpc::CallbackServerContext* context, const v1::WhoAmIRequest* request,
    v1::WhoAmIResponse* response) {
  return rpc::Unary(context, request, response, env_,
                    [=](const auth::Caller& caller) {
                      ASSIGN_OR_RETURN(ApiKey key, keys_->WhoAmI(caller));
                      *response->mutable_api_key() = ToProto(key);
                      return absl::OkStatus();
                    });
}

}  // namespace unionhub::gateway
