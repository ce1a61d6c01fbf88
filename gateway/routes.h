// Which backend serves a method, and what the method is (read, write,
// internal; unary or streaming), from the proto descriptors linked into the
// gateway. A method of package unionhub.<area>.v1 goes to the backend named
// <area>.
#ifndef UNIONHUB_GATEWAY_ROUTES_H_
#define UNIONHUB_GATEWAY_ROUTES_H_

#include <google/protobuf/descriptor.h>

#include <memory>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "unionhub/api/v1/annotations.pb.h"

namespace unionhub::gateway {

struct Backend {
  std::string name;     // "membership"
  std::string address;  // "127.0.0.1:7101"
};

struct Route {
  std::string path;  // "/unionhub.membership.v1.MemberService/GetMember"
  const google::protobuf::MethodDescriptor* method = nullptr;
  api::v1::Access access = api::v1::ACCESS_UNSPECIFIED;
  Backend* backend = nullptr;  // Null for the gateway's own services.

  bool unary() const {
    return !method->client_streaming() && !method->server_streaming();
  }
};

class Routes final {
 public:
  // `backends`: "membership=127.0.0.1:7101,welfare=10.0.0.5:7102".
  static absl::StatusOr<std::unique_ptr<Routes>> Create(
      absl::string_view backends);

  // The route of "/<package>.<Service>/<Method>". UNIMPLEMENTED for methods
  // nobody here serves; PERMISSION_DENIED for internal methods, which are for
  // unionhub's own services only.
  absl::StatusOr<const Route*> Find(absl::string_view path);

  const absl::flat_hash_map<std::string, std::unique_ptr<Backend>>& backends()
      const {
    return backends_;
  }

 private:
  absl::StatusOr<std::unique_ptr<Route>> Resolve(absl::string_view path);

  absl::flat_hash_map<std::string, std::unique_ptr<Backend>> backends_;
  absl::Mutex mu_;
  absl::flat_hash_map<std::string, std::unique_ptr<Route>> routes_
      ABSL_GUARDED_BY(mu_);
};

}  // namespace unionhub::gateway

#endif  // UNIONHUB_GATEWAY_ROUTES_H_
