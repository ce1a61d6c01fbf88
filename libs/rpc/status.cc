#include "libs/rpc/status.h"

#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "libs/base/errors.h"

namespace unionhub::rpc {
namespace {

std::string PublicMessage(const absl::Status& status) {
  bool hide = IsStorageError(status) ||
              status.code() == absl::StatusCode::kInternal ||
              status.code() == absl::StatusCode::kUnknown ||
              status.code() == absl::StatusCode::kDataLoss;
  if (!hide) return std::string(status.message());
  switch (status.code()) {
    case absl::StatusCode::kUnavailable:
      return "the database is unavailable; try again";
    case absl::StatusCode::kAborted:
      return "the request conflicted with another; try again";
    case absl::StatusCode::kAlreadyExists:
      return "conflicts with an existing record";
    default:
      return "internal error";
  }
}

}  // namespace

grpc::Status ToGrpcStatus(const absl::Status& status) {
  if (status.ok()) return grpc::Status::OK;
  auto code = static_cast<grpc::StatusCode>(status.code());
  std::string message = PublicMessage(status);
  std::vector<FieldViolation> violations = FieldViolations(status);
  if (status.code() != absl::StatusCode::kInvalidArgument ||
      violations.empty()) {
    return grpc::Status(code, message);
  }
  google::rpc::BadRequest bad_request;
  for (const auto& v : violations) {
    auto* fv = bad_request.add_field_violations();
    fv->set_field(v.field);
    fv->set_description(v.description);
  }
  google::rpc::Status details;
  details.set_code(static_cast<int>(code));
  details.set_message(message);
  details.add_details()->PackFrom(bad_request);
  return grpc::Status(code, message, details.SerializeAsString());
}

absl::string_view CodeName(grpc::StatusCode code) {
  static constexpr absl::string_view kNames[] = {"OK",
                                                 "CANCELLED",
                                                 "UNKNOWN",
                                                 "INVALID_ARGUMENT",
                                                 "DEADLINE_EXCEEDED",
                                                 "NOT_FOUND",
                                                 "ALREADY_EXISTS",
                                                 "PERMISSION_DENIED",
                                                 "RESOURCE_EXHAUSTED",
                                                 "FAILED_PRECONDITION",
                                                 "ABORTED",
                                                 "OUT_OF_RANGE",
                                                 "UNIMPLEMENTED",
                                                 "INTERNAL",
                                                 "UNAVAILABLE",
                                                 "DATA_LOSS",
                                                 "UNAUTHENTICATED"};
  int i = static_cast<int>(code);
  return i >= 0 && i < 17 ? kNames[i] : "UNKNOWN";
}

}  // namespace unionhub::rpc
