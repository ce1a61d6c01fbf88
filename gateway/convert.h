// API keys between their domain and proto forms.
#ifndef UNIONHUB_GATEWAY_CONVERT_H_
#define UNIONHUB_GATEWAY_CONVERT_H_

#include "gateway/api_key.h"
#include "unionhub/gateway/v1/auth.pb.h"

namespace unionhub::gateway {

// Everything but the secret's hash.
v1::ApiKey ToProto(const ApiKey& key);

}  // namespace unionhub::gateway

#endif  // UNIONHUB_GATEWAY_CONVERT_H_
