#include "libs/rpc/call.h"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>

#include "absl/strings/str_cat.h"
#include "libs/base/errors.h"
#include "libs/crypto/crypto.h"
#include "libs/rpc/log.h"
#include "libs/rpc/status.h"
#include "unionhub/api/v1/annotations.pb.h"

namespace unionhub::rpc {

using google::protobuf::MethodDescriptor;

const MethodDescriptor* MethodForRequest(
    const google::protobuf::Descriptor* type) {
  const google::protobuf::FileDescriptor* file = type->file();
  for (int s = 0; s < file->service_count(); ++s) {
    for (int m = 0; m < file->service(s)->method_count(); ++m) {
      if (file->service(s)->method(m)->input_type() == type) {
        return file->service(s)->method(m);
      }
    }
  }
  return nullptr;
}

std::string FingerprintWithout(
    const google::protobuf::Message& message,
    std::initializer_list<absl::string_view> fields) {
  std::unique_ptr<google::protobuf::Message> copy(message.New());
  copy->CopyFrom(message);
  for (absl::string_view name : fields) {
    if (const auto* field =
            copy->GetDescriptor()->FindFieldByName(std::string(name))) {
      copy->GetReflection()->ClearField(copy.get(), field);
    }
  }
  std::string bytes = message.GetDescriptor()->full_name() + "\n";
  {
    google::protobuf::io::StringOutputStream stream(&bytes);
    google::protobuf::io::CodedOutputStream out(&stream);
    out.SetSerializationDeterministic(true);
    copy->SerializeToCodedStream(&out);
  }
  return crypto::Sha256Hex(bytes);
}

std::string RequestFingerprint(const google::protobuf::Message& request) {
  return FingerprintWithout(request, {"request_id"});
}

absl::StatusOr<auth::Caller> Authorize(const grpc::ServerContextBase& context,
                                       const MethodDescriptor& method,
                                       const auth::PrincipalVerifier& verifier,
                                       absl::Time now) {
  const auto& metadata = context.client_metadata();
  auto it = metadata.find(auth::kPrincipalMetadataKey);
  absl::string_view token;
  if (it != metadata.end())
    token = absl::string_view(it->second.data(), it->second.size());
  absl::StatusOr<auth::Caller> caller = verifier.Verify(token, now);
  if (!caller.ok()) return caller.status();
  caller->token = std::string(token);
  caller->deadline = absl::FromChrono(context.deadline());

  api::v1::Access access = method.options().GetExtension(api::v1::access);
  bool allowed = false;
  switch (access) {
    case api::v1::ACCESS_READ:
      allowed = caller->role != auth::Role::kService;
      break;
    case api::v1::ACCESS_INTERNAL:
      allowed = caller->role == auth::Role::kService;
      break;
    default:  // WRITE, and unmarked methods are treated as writes.
      allowed = caller->MayWrite();
      break;
  }
  if (!allowed) {
    return absl::PermissionDeniedError(
        absl::StrCat("role ", auth::RoleName(caller->role), " may not call ",
                     method.name()));
  }
  return caller;
}

absl::Status PrincipalGate::Admit(const grpc::ServerContextBase& context,
                                  const MethodDescriptor& method,
                                  auth::Caller& caller) {
  absl::StatusOr<auth::Caller> verified =
      Authorize(context, method, *verifier_, clock_->Now());
  if (!verified.ok()) return verified.status();
  caller = *std::move(verified);
  return absl::OkStatus();
}

void PrincipalGate::Record(const MethodDescriptor& method,
                           const auth::Caller& caller,
                           const absl::Status& status, absl::Duration elapsed,
                           bool admitted) {
  metrics_->Record(method.full_name(),
                   CodeName(static_cast<grpc::StatusCode>(status.code())),
                   elapsed);
  LogCall(method.full_name(), admitted ? &caller : nullptr, status, elapsed);
}

Serving::Serving(const auth::PrincipalVerifier* verifier, const Clock* clock,
                 ExecutorOptions options)
    : gate_(verifier, clock, &metrics_), executor_(options) {
  AddExecutorGauges(metrics_, executor_);
}

void AddExecutorGauges(Metrics& metrics, const Executor& executor) {
  metrics.AddGauge("unionhub_executor_queued_calls",
                   "Calls waiting for a worker.",
                   [&executor] { return executor.queued(); });
  metrics.AddGauge("unionhub_executor_running_calls",
                   "Calls being run by a worker.",
                   [&executor] { return executor.running(); });
  metrics.AddGauge("unionhub_executor_workers", "Workers that run calls.",
                   [&executor] { return executor.options().workers; });
  metrics.AddGauge("unionhub_executor_max_queued_calls",
                   "Calls that may wait before more are refused.",
                   [&executor] { return executor.options().max_queued; });
}

ServerCall::ServerCall(grpc::CallbackServerContext* context,
                       const MethodDescriptor& method, const CallEnv& env)
    : context_(context), method_(&method), env_(env), start_(absl::Now()) {
  admission_ = env_.gate->Admit(*context, method, caller_);
}

absl::Status ServerCall::Ready() const {
  // First, since gRPC also marks a call past its deadline as cancelled.
  if (context_->deadline() <= std::chrono::system_clock::now()) {
    return absl::DeadlineExceededError(
        "the call's deadline passed while it waited for a worker");
  }
  if (context_->IsCancelled())
    return absl::CancelledError("the call was cancelled before it ran");
  return absl::OkStatus();
}

void ServerCall::Run(Work work, Finish finish) const {
  if (!admission_.ok()) {
    finish(End(admission_));
    return;
  }
  // Shared, so that a call the queue refuses can still be answered.
  auto done = std::make_shared<Finish>(std::move(finish));
  bool queued = env_.executor->TrySchedule(
      [call = *this, work = std::move(work), done] {
        absl::Status status = call.Ready();
        if (status.ok()) status = work(call.caller_);
        (*done)(call.End(status));
      },
      absl::FromChrono(context_->deadline()));
  if (!queued) {
    (*done)(End(absl::ResourceExhaustedError(absl::StrCat(
        "the server is busy (", env_.executor->options().max_queued,
        " calls are waiting); retry with backoff"))));
  }
}

grpc::Status ServerCall::End(const absl::Status& status) const {
  env_.gate->Record(*method_, caller_, status, absl::Now() - start_,
                    admission_.ok());
  return ToGrpcStatus(status);
}

}  // namespace unionhub::rpc
