// API keys between their domain and proto forms.
#ifndef UNIONHUB_GATEWAY_CONVERT_H_
#define UNIONHUB_GATEWAY_CONVERT_H_

#include <google/protobuf/timestamp.pb.h>

#include "absl/time/time.h"
#include "gateway/api_key.h"
#include "unionhub/gateway/v1/auth.pb.h"

namespace unionhub::gateway {

// Everything but the secret's hash.
v1::ApiKey ToProto(const ApiKey& key);
google::protobuf::Timestamp ToProtoTime(absl::Time t);
absl::Time FromProtoTime(const google::protobuf::Timestamp& t);

}  // namespace unionhub::gateway

#endif  // UNIONHUB_GATEWAY_CONVERT_H_
