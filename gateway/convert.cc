#include "gateway/convert.h"

namespace unionhub::gateway {

google::protobuf::Timestamp ToProtoTime(absl::Time t) {
  google::protobuf::Timestamp out;
  int64_t nanos = absl::ToUnixNanos(t);
  out.set_seconds(nanos / 1000000000);
  out.set_nanos(static_cast<int32_t>(nanos % 1000000000));
  if (out.nanos() < 0) {
    out.set_seconds(out.seconds() - 1);
    out.set_nanos(out.nanos() + 1000000000);
  }
  return out;
}

absl::Time FromProtoTime(const google::protobuf::Timestamp& t) {
  return absl::FromUnixSeconds(t.seconds()) + absl::Nanoseconds(t.nanos());
}

v1::ApiKey ToProto(const ApiKey& key) {
  v1::ApiKey out;
  out.set_id(key.id);
  out.set_display_name(key.display_name);
  out.set_organisation_id(key.organisation_id);
  out.set_organisation_path(key.organisation_path);
  out.set_role(static_cast<auth::v1::Role>(key.role));
  *out.mutable_create_time() = ToProtoTime(key.create_time);
  out.set_created_by_key_id(key.created_by_key_id);
  if (key.expire_time)
    *out.mutable_expire_time() = ToProtoTime(*key.expire_time);
  if (key.revoke_time)
    *out.mutable_revoke_time() = ToProtoTime(*key.revoke_time);
  out.set_revoked_by_key_id(key.revoked_by_key_id);
  out.set_revoke_reason(key.revoke_reason);
  return out;
}

}  // namespace unionhub::gateway
