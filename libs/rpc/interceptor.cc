#include "libs/rpc/interceptor.h"

namespace unionhub::rpc {
namespace {

using grpc::experimental::InterceptionHookPoints;

class MalformedRequestInterceptor final
    : public grpc::experimental::Interceptor {
 public:
  void Intercept(
      grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(
            InterceptionHookPoints::POST_RECV_MESSAGE) &&
        methods->GetRecvMessage() == nullptr) {
      malformed_ = true;  // Deserialization failed.
    }
    if (malformed_ &&
        methods->QueryInterceptionHookPoint(
            InterceptionHookPoints::PRE_SEND_STATUS) &&
        !methods->GetSendStatus().ok()) {
      methods->ModifySendStatus(
          grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                       "the request is not a valid protobuf message of this "
                       "method (text fields "
                       "must be UTF-8)"));
    }
    methods->Proceed();
  }

 private:
  bool malformed_ = false;
};

}  // namespace

grpc::experimental::Interceptor*
MalformedRequestInterceptorFactory::CreateServerInterceptor(
    grpc::experimental::ServerRpcInfo* info) {
  // A streaming read that fails looks the same here as the end of the
  // stream; streaming uploads parse their messages themselves.
  using Type = grpc::experimental::ServerRpcInfo::Type;
  if (info->type() == Type::CLIENT_STREAMING ||
      info->type() == Type::BIDI_STREAMING)
    return nullptr;
  return new MalformedRequestInterceptor;
}

}  // namespace unionhub::rpc
