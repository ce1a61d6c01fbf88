#include "libs/rpc/proto_time.h"

namespace unionhub::rpc {

void SetProtoTime(absl::Time t, google::protobuf::Timestamp* out) {
  const absl::Duration since_epoch = t - absl::UnixEpoch();
  // Floor division: the remainder is never negative.
  const int64_t seconds =
      absl::ToInt64Seconds(since_epoch) -
      (since_epoch < absl::Seconds(absl::ToInt64Seconds(since_epoch)) ? 1 : 0);
  out->set_seconds(seconds);
  out->set_nanos(static_cast<int32_t>(
      absl::ToInt64Nanoseconds(since_epoch - absl::Seconds(seconds))));
}

google::protobuf::Timestamp ToProtoTime(absl::Time t) {
  google::protobuf::Timestamp out;
  SetProtoTime(t, &out);
  return out;
}

absl::Time FromProtoTime(const google::protobuf::Timestamp& t) {
  return absl::FromUnixSeconds(t.seconds()) + absl::Nanoseconds(t.nanos());
}

}  // namespace unionhub::rpc
