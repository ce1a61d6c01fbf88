// Small pieces of gRPC's wire format the front reads in passing: message
// framing, the grpc-timeout header and percent-encoded grpc-message values.
#ifndef UNIONHUB_GATEWAY_GRPC_WIRE_H_
#define UNIONHUB_GATEWAY_GRPC_WIRE_H_

#include <cstddef>
#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace unionhub::gateway {

// Reads gRPC's message framing (1 flag byte, 4 length bytes, message) as it
// streams past, to refuse messages over a limit without buffering them.
class MessageSizeGuard {
 public:
  // False when a message announces more than `max` bytes.
  bool Feed(const uint8_t* data, size_t n, size_t max);

 private:
  uint8_t header_[5] = {};
  size_t header_bytes_ = 0;
  uint64_t remaining_ = 0;
};

// The grpc-timeout header value for `d` ("250m", "30S", ...), and back.
std::string GrpcTimeout(absl::Duration d);
bool ParseGrpcTimeout(absl::string_view value, absl::Duration* d);

// grpc-message values are percent-encoded UTF-8.
std::string PercentEncode(absl::string_view message);
std::string PercentDecode(absl::string_view s);

}  // namespace unionhub::gateway

#endif  // UNIONHUB_GATEWAY_GRPC_WIRE_H_
