// What every call from outside passes before it is served, whichever service
// serves it: the method's route, the API key, the key's rate limit and the
// role; and what every call leaves behind: one log line and its metrics.
#ifndef UNIONHUB_GATEWAY_FRONT_DOOR_H_
#define UNIONHUB_GATEWAY_FRONT_DOOR_H_

#include <grpcpp/grpcpp.h>

#include <atomic>
#include <optional>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/synchronization/mutex.h"
#include "gateway/key_service.h"
#include "gateway/rate_limiter.h"
#include "gateway/routes.h"
#include "libs/auth/principal.h"
#include "libs/base/clock.h"
#include "libs/rpc/call.h"
#include "libs/rpc/metrics.h"

namespace unionhub::gateway {

struct FrontDoorOptions {
  // How long a principal the gateway signs stays valid.
  absl::Duration principal_ttl = absl::Minutes(5);
  // Deadline of a call whose caller set none, and the most any call gets.
  absl::Duration default_deadline = absl::Seconds(30);
  absl::Duration max_deadline = absl::Minutes(5);
};

struct Admitted {
  const Route* route = nullptr;
  auth::Caller caller;
};

class FrontDoor final {
 public:
  FrontDoor(Routes* routes, KeyService* keys, RateLimiter* limiter,
            rpc::Metrics* metrics, const auth::PrincipalSigner* signer,
            const Clock* clock, FrontDoorOptions options)
      : routes_(routes),
        keys_(keys),
        limiter_(limiter),
        metrics_(metrics),
        signer_(signer),
        clock_(clock),
        options_(options) {}

  // Admits a call whose method `route` is (as routes()->Find gave it for the
  // call's path) and whose `authorization` metadata is as given. Fills
  // `admitted` as far as it got (the route, then the caller), so even a
  // refused call is logged with what is known.
  absl::Status Admit(const absl::StatusOr<const Route*>& route,
                     absl::string_view authorization, Admitted& admitted);
  // The principal to pass to the backend for `caller`. One signed for the
  // same caller is reused while it has more than half its lifetime left, so
  // a busy key costs one signature every few minutes, not one per call.
  std::string SignPrincipal(const auth::Caller& caller);
  // How long the backend gets for a call whose caller allowed `caller` (none
  // when it set no deadline).
  absl::Duration BackendTimeout(std::optional<absl::Duration> caller) const;
  // Counts the call in the metrics and logs it. Calls `refused` by the
  // gateway itself (no key, over a limit...) are logged at most
  // kRefusalLogsPerSecond, so a flood of them cannot flood the log; a line
  // says how many were left out.
  void Record(absl::string_view path, const Admitted* admitted,
              const grpc::Status& status, absl::Time start,
              bool refused = false);

  Routes* routes() const { return routes_; }

 private:
  Routes* routes_;
  KeyService* keys_;
  RateLimiter* limiter_;
  rpc::Metrics* metrics_;
  const auth::PrincipalSigner* signer_;
  const Clock* clock_;
  FrontDoorOptions options_;
  static constexpr double kRefusalLogsPerSecond = 20;
  RateLimiter refusal_log_{kRefusalLogsPerSecond, 5 * kRefusalLogsPerSecond,
                           clock_};
  std::atomic<int64_t> refusals_not_logged_{0};

  struct Signed {
    std::string principal;
    absl::Time reuse_until;
  };
  // Keyed by everything a principal says; bounded (emptied when full).
  static constexpr size_t kMaxSignedPrincipals = 10000;
  absl::Mutex signed_mu_;
  absl::flat_hash_map<std::string, Signed> signed_ ABSL_GUARDED_BY(signed_mu_);
};

// The gateway's own gRPC services (AuthService) take the services' call path
// with this gate: callers are admitted by API key like any relayed call.
class FrontDoorGate final : public rpc::Gate {
 public:
  explicit FrontDoorGate(FrontDoor* door) : door_(door) {}
  absl::Status Admit(const grpc::ServerContextBase& context,
                     const google::protobuf::MethodDescriptor& method,
                     auth::Caller& caller) override;
  void Record(const google::protobuf::MethodDescriptor& method,
              const auth::Caller& caller, const absl::Status& status,
              absl::Duration elapsed, bool admitted) override;

 private:
  FrontDoor* door_;
};

// The `authorization` entry of a call's metadata (empty when absent).
absl::string_view AuthorizationOf(const grpc::ServerContextBase& context);

// Whether a metadata entry passes through the gateway. Transport headers,
// grpc-* entries, the caller's key and any principal the caller made up stay
// behind.
bool ForwardsMetadata(absl::string_view key);

}  // namespace unionhub::gateway

#endif  // UNIONHUB_GATEWAY_FRONT_DOOR_H_
