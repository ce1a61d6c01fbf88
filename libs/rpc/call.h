// Every unary RPC of every service runs through Unary(): it verifies the
// principal, enforces the method's access mark (read, write, internal) from the
// proto, runs the handler, maps its absl::Status once, and writes one
// structured log line.
#ifndef UNIONHUB_LIBS_RPC_CALL_H_
#define UNIONHUB_LIBS_RPC_CALL_H_

#include <google/protobuf/descriptor.h>
#include <grpcpp/grpcpp.h>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "libs/auth/principal.h"
#include "libs/base/clock.h"

namespace unionhub::rpc {

// What handlers share: how to verify callers, and the time.
struct CallEnv {
  const auth::PrincipalSigner* signer = nullptr;
  const Clock* clock = &Clock::System();
};

// The method whose request message is `request_type` (request types are unique
// per method, which buf lint enforces). Never null for our own requests.
const google::protobuf::MethodDescriptor* MethodForRequest(
    const google::protobuf::Descriptor* request_type);

// Hash of a request with its request_id cleared: a retry with the same
// request_id must carry the same request, or it is refused.
std::string RequestFingerprint(const google::protobuf::Message& request);

// Verifies the caller's principal and that its role may call `method`.
absl::StatusOr<auth::Caller> Authorize(
    const grpc::ServerContextBase& context,
    const google::protobuf::MethodDescriptor& method, const CallEnv& env);

// Finishes the call with `status` and logs it.
grpc::ServerUnaryReactor* Finish(
    grpc::CallbackServerContext* context,
    const google::protobuf::MethodDescriptor& method,
    const auth::Caller* caller, const absl::Status& status, absl::Time start);

// `handler(const auth::Caller&) -> absl::Status` fills the response.
template <typename Request, typename Handler>
grpc::ServerUnaryReactor* Unary(grpc::CallbackServerContext* context,
                                const Request*, const CallEnv& env,
                                Handler&& handler) {
  static const google::protobuf::MethodDescriptor* method =
      MethodForRequest(Request::descriptor());
  absl::Time start = absl::Now();
  absl::StatusOr<auth::Caller> caller = Authorize(*context, *method, env);
  absl::Status status = caller.ok() ? handler(*caller) : caller.status();
  return Finish(context, *method, caller.ok() ? &*caller : nullptr, status,
                start);
}

}  // namespace unionhub::rpc

#endif  // UNIONHUB_LIBS_RPC_CALL_H_
