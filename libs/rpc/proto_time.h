// absl::Time and google.protobuf.Timestamp, both ways, for every service.
#ifndef UNIONHUB_LIBS_RPC_PROTO_TIME_H_
#define UNIONHUB_LIBS_RPC_PROTO_TIME_H_

#include <google/protobuf/timestamp.pb.h>

#include "absl/time/time.h"

namespace unionhub::rpc {

// Nanoseconds always count up from the whole second, as the Timestamp type
// requires, before 1970 too (1969-12-31T23:59:59.5 is -1 s + 0.5 s).
google::protobuf::Timestamp ToProtoTime(absl::Time t);
void SetProtoTime(absl::Time t, google::protobuf::Timestamp* out);
absl::Time FromProtoTime(const google::protobuf::Timestamp& t);

}  // namespace unionhub::rpc

#endif  // UNIONHUB_LIBS_RPC_PROTO_TIME_H_
