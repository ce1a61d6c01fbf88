// Every call of every service, unary or stream, and the gateway's own services
// too, takes one path (ServerCall): the gate admits the caller (principal,
// the method's access mark from the proto), the handler runs on the
// service's executor (never on gRPC's threads), its absl::Status is mapped
// once, and the gate records it (metrics, one structured log line).
#ifndef UNIONHUB_LIBS_RPC_CALL_H_
#define UNIONHUB_LIBS_RPC_CALL_H_

#include <google/protobuf/descriptor.h>
#include <grpcpp/grpcpp.h>

#include <functional>
#include <initializer_list>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "libs/auth/principal.h"
#include "libs/base/clock.h"
#include "libs/rpc/executor.h"
#include "libs/rpc/metrics.h"
#include "libs/rpc/paging.h"

namespace unionhub::rpc {

// Who may make a call, and what a finished call leaves behind.
class Gate {
 public:
  virtual ~Gate() = default;
  // Fills `caller` as far as it is known, even for a refused call, so the
  // log says who was refused.
  virtual absl::Status Admit(const grpc::ServerContextBase& context,
                             const google::protobuf::MethodDescriptor& method,
                             auth::Caller& caller) = 0;
  // `admitted` is false for calls Admit refused.
  virtual void Record(const google::protobuf::MethodDescriptor& method,
                      const auth::Caller& caller, const absl::Status& status,
                      absl::Duration elapsed, bool admitted) = 0;
};

// The services' gate: a principal the gateway signed, allowed by the
// method's access mark; calls counted in `metrics` and logged.
class PrincipalGate final : public Gate {
 public:
  PrincipalGate(const auth::PrincipalVerifier* verifier, const Clock* clock,
                Metrics* metrics)
      : verifier_(verifier), clock_(clock), metrics_(metrics) {}
  absl::Status Admit(const grpc::ServerContextBase& context,
                     const google::protobuf::MethodDescriptor& method,
                     auth::Caller& caller) override;
  void Record(const google::protobuf::MethodDescriptor& method,
              const auth::Caller& caller, const absl::Status& status,
              absl::Duration elapsed, bool admitted) override;

 private:
  const auth::PrincipalVerifier* verifier_;
  const Clock* clock_;
  Metrics* metrics_;
};

// What a service's handlers share.
struct CallEnv {
  Gate* gate = nullptr;
  Executor* executor = nullptr;
};

// The executor's queue and workers as gauges in `metrics`.
void AddExecutorGauges(Metrics& metrics, const Executor& executor);

// A service's call path, owned in one place (main, or a test): its metrics
// (calls, latency, executor queue), gate and executor. Destroy it after the
// gRPC server, which waits for the calls the executor still holds.
class Serving final {
 public:
  Serving(const auth::PrincipalVerifier* verifier, const Clock* clock,
          ExecutorOptions options = {});
  CallEnv env() { return {&gate_, &executor_}; }
  Metrics& metrics() { return metrics_; }
  Executor& executor() { return executor_; }

 private:
  Metrics metrics_;
  PrincipalGate gate_;
  Executor executor_;
};

// The method whose request message is `request_type` (request types are unique
// per method, which buf lint enforces). Never null for our own requests.
const google::protobuf::MethodDescriptor* MethodForRequest(
    const google::protobuf::Descriptor* request_type);

// SHA-256 (hex) of `message`'s type and deterministic serialization with
// `fields` cleared.
std::string FingerprintWithout(const google::protobuf::Message& message,
                               std::initializer_list<absl::string_view> fields);
// Hash of a request with its request_id cleared: a retry with the same
// request_id must carry the same request, or it is refused.
std::string RequestFingerprint(const google::protobuf::Message& request);

// Verifies the principal in `context` and that its role may call `method`.
absl::StatusOr<auth::Caller> Authorize(
    const grpc::ServerContextBase& context,
    const google::protobuf::MethodDescriptor& method,
    const auth::PrincipalVerifier& verifier, absl::Time now);

// One call on the path: admitted when made, run at most once, recorded once.
class ServerCall {
 public:
  using Work = std::function<absl::Status(const auth::Caller&)>;
  using Finish = std::function<void(const grpc::Status&)>;

  ServerCall(grpc::CallbackServerContext* context,
             const google::protobuf::MethodDescriptor& method,
             const CallEnv& env);

  const absl::Status& admission() const { return admission_; }
  // Who is calling, once admitted.
  const auth::Caller& caller() const { return caller_; }

  // Queues `work` on the executor, then records the call and hands its status
  // to `finish` (on the executor's thread). Without running `work`: a call
  // not admitted gets why; a full queue RESOURCE_EXHAUSTED at once; a call
  // cancelled, or out of time, while it waited CANCELLED or DEADLINE_EXCEEDED.
  void Run(Work work, Finish finish) const;
  // Records a call that ends without Run (a bad upload) and maps its status.
  grpc::Status End(const absl::Status& status) const;

 private:
  absl::Status Ready() const;

  grpc::CallbackServerContext* context_;
  const google::protobuf::MethodDescriptor* method_;
  CallEnv env_;
  absl::Time start_;
  auth::Caller caller_;
  absl::Status admission_;
};

// A unary call: `handler(const auth::Caller&) -> absl::Status` fills the
// response. It runs on another thread after this returns, so it must capture
// by value (the request and response pointers, `this`), never by reference.
// For a List, the handler sees the domain's page token and sets the domain's
// next one; the binding to the request's filters is done here (PageBinding).
template <typename Request, typename Response, typename Handler>
grpc::ServerUnaryReactor* Unary(grpc::CallbackServerContext* context,
                                const Request* request, Response* response,
                                const CallEnv& env, Handler handler) {
  static const google::protobuf::MethodDescriptor* method =
      MethodForRequest(Request::descriptor());
  static const bool lists =
      Request::descriptor()->FindFieldByName("page_token") != nullptr;
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  ServerCall(context, *method, env)
      .Run(
          [request, response,
           handler = std::move(handler)](const auth::Caller& caller) {
            if (!lists) return handler(caller);
            PageBinding paging(*request);
            // gRPC allocates the request mutable and lends it to this call
            // alone; the token is swapped for the domain's in place.
            absl::Status status = paging.Unwrap(const_cast<Request&>(*request));
            if (status.ok()) status = handler(caller);
            if (status.ok()) paging.Wrap(*response);
            return status;
          },
          [reactor](const grpc::Status& status) { reactor->Finish(status); });
  return reactor;
}

}  // namespace unionhub::rpc

#endif  // UNIONHUB_LIBS_RPC_CALL_H_
