// The gRPC front: every call for a method the gateway does not serve itself
// is admitted by the FrontDoor and forwarded, bytes untouched, to the backend
// that serves the method's package, with the caller's metadata, a signed
// principal and a bounded deadline; the backend's metadata, status and error
// details come back the same way.
#ifndef UNIONHUB_GATEWAY_PROXY_H_
#define UNIONHUB_GATEWAY_PROXY_H_

#include <grpcpp/generic/async_generic_service.h>

#include "gateway/front_door.h"

namespace unionhub::gateway {

class Proxy final : public grpc::CallbackGenericService {
 public:
  explicit Proxy(FrontDoor* door) : door_(door) {}

  grpc::ServerGenericBidiReactor* CreateReactor(
      grpc::GenericCallbackServerContext* context) override;

 private:
  FrontDoor* door_;
};

}  // namespace unionhub::gateway

#endif  // UNIONHUB_GATEWAY_PROXY_H_
