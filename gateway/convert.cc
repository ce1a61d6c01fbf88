#include "gateway/convert.h"

#include "libs/rpc/proto_time.h"

namespace unionhub::gateway {

using rpc::ToProtoTime;

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
