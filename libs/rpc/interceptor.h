// A request that does not parse (most often a text field that is not UTF-8,
// which proto3 forbids) never reaches a handler, and gRPC answers it with a
// bare UNIMPLEMENTED. This interceptor turns that into INVALID_ARGUMENT with a
// reason.
#ifndef UNIONHUB_LIBS_RPC_INTERCEPTOR_H_
#define UNIONHUB_LIBS_RPC_INTERCEPTOR_H_

#include <grpcpp/support/server_interceptor.h>

namespace unionhub::rpc {

class MalformedRequestInterceptorFactory final
    : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override;
};

}  // namespace unionhub::rpc

#endif  // UNIONHUB_LIBS_RPC_INTERCEPTOR_H_
