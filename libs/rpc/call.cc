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

std::string RequestFingerprint(const google::protobuf::Message& request) {
  std::unique_ptr<google::protobuf::Message> copy(request.New());
  copy->CopyFrom(request);
  if (const auto* field =
          copy->GetDescriptor()->FindFieldByName("request_id")) {
    copy->GetReflection()->ClearField(copy.get(), field);
  }
  std::string bytes;
  {
    google::protobuf::io::StringOutputStream stream(&bytes);
    google::protobuf::io::CodedOutputStream out(&stream);
    out.SetSerializationDeterministic(true);
    copy->SerializeToCodedStream(&out);
  }
  return crypto::Sha256Hex(bytes);
}

absl::StatusOr<auth::Caller> Authorize(const grpc::ServerContextBase& context,
                                       const MethodDescriptor& method,
                                       const CallEnv& env) {
  const auto& metadata = context.client_metadata();
  auto it = metadata.find(auth::kPrincipalMetadataKey);
  absl::string_view token;
  if (it != metadata.end())
    token = absl::string_view(it->second.data(), it->second.size());
  absl::StatusOr<auth::Caller> caller =
      env.signer->Verify(token, env.clock->Now());
  if (!caller.ok()) return caller.status();

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

grpc::ServerUnaryReactor* Finish(grpc::CallbackServerContext* context,
                                 const MethodDescriptor& method,
                                 const auth::Caller* caller,
                                 const absl::Status& status, absl::Time start) {
  LogCall(method.full_name(), caller, status, absl::Now() - start);
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  reactor->Finish(ToGrpcStatus(status));
  return reactor;
}

}  // namespace unionhub::rpc
