// The one place where absl::Status becomes grpc::Status.
#ifndef UNIONHUB_LIBS_RPC_STATUS_H_
#define UNIONHUB_LIBS_RPC_STATUS_H_

#include <grpcpp/support/status.h>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace unionhub::rpc {

// Same code; INVALID_ARGUMENT carries google.rpc.BadRequest field violations in
// the status details. Storage errors and INTERNAL/UNKNOWN never pass their text
// on: the caller gets a generic message, the log gets the real one.
grpc::Status ToGrpcStatus(const absl::Status& status);

// The gRPC code's name as in metrics and logs ("OK", "NOT_FOUND", ...).
absl::string_view CodeName(grpc::StatusCode code);

}  // namespace unionhub::rpc

#endif  // UNIONHUB_LIBS_RPC_STATUS_H_
