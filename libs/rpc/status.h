// The one place where absl::Status becomes grpc::Status.
#ifndef UNIONHUB_LIBS_RPC_STATUS_H_
#define UNIONHUB_LIBS_RPC_STATUS_H_

#include <grpcpp/support/status.h>

#include "absl/status/status.h"

namespace unionhub::rpc {

// Same code; INVALID_ARGUMENT carries google.rpc.BadRequest field violations in
// the status details. Storage errors and INTERNAL/UNKNOWN never pass their text
// on: the caller gets a generic message, the log gets the real one.
grpc::Status ToGrpcStatus(const absl::Status& status);

}  // namespace unionhub::rpc

#endif  // UNIONHUB_LIBS_RPC_STATUS_H_
