#include "gateway/front_door.h"

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "libs/rpc/log.h"
#include "libs/rpc/status.h"

namespace unionhub::gateway {

absl::Status FrontDoor::Admit(const absl::StatusOr<const Route*>& route,
                              absl::string_view authorization,
                              Admitted& admitted) {
  if (!route.ok()) return route.status();
  admitted.route = *route;
  absl::StatusOr<auth::Caller> caller = keys_->Authenticate(authorization);
  if (!caller.ok()) return caller.status();
  admitted.caller = *std::move(caller);
  if (!limiter_->Allow(admitted.caller.key_id)) {
    return absl::ResourceExhaustedError(
        "this API key made more calls than its rate limit allows; slow down "
        "and retry");
  }
  if (admitted.route->access == api::v1::ACCESS_WRITE &&
      !admitted.caller.MayWrite()) {
    return absl::PermissionDeniedError(absl::StrCat(
        "a ", auth::RoleName(admitted.caller.role), " key may not call ",
        admitted.route->method->name(), ", which changes data"));
  }
  return absl::OkStatus();
}

std::string FrontDoor::SignPrincipal(const auth::Caller& caller) {
  const absl::Time now = clock_->Now();
  std::string who = absl::StrCat(caller.key_id, "\n", caller.organisation_id,
                                 "\n", caller.organisation_path, "\n",
                                 static_cast<int>(caller.role));
  {
    absl::MutexLock lock(&signed_mu_);
    auto it = signed_.find(who);
    if (it != signed_.end() && now < it->second.reuse_until)
      return it->second.principal;
  }
  auth::Caller signed_caller = caller;
  signed_caller.expires = now + options_.principal_ttl;
  std::string principal = signer_->Sign(signed_caller);
  absl::MutexLock lock(&signed_mu_);
  if (signed_.size() >= kMaxSignedPrincipals) signed_.clear();
  signed_[who] = {principal, now + options_.principal_ttl / 2};
  return principal;
}

absl::Duration FrontDoor::BackendTimeout(
    std::optional<absl::Duration> caller) const {
  if (!caller) return options_.default_deadline;
  return std::min(*caller, options_.max_deadline);
}

void FrontDoor::Record(absl::string_view path, const Admitted* admitted,
                       const grpc::Status& status, absl::Time start,
                       bool refused) {
  absl::Duration latency = absl::Now() - start;
  absl::string_view method = "unknown";
  std::string full_name;
  if (admitted && admitted->route) {
    full_name = admitted->route->method->full_name();
    method = full_name;
  }
  metrics_->Record(method, rpc::CodeName(status.error_code()), latency);
  if (refused && !refusal_log_.Allow("")) {
    ++refusals_not_logged_;
    return;
  }
  if (int64_t left_out = refusals_not_logged_.exchange(0); left_out > 0) {
    rpc::LogEvent("warn", "refused calls left out of the log",
                  {{"count", std::to_string(left_out)},
                   {"why", absl::StrCat("at most ", kRefusalLogsPerSecond,
                                        " refused calls a second are logged; "
                                        "all are counted in /metrics")}});
  }
  absl::Status logged(static_cast<absl::StatusCode>(status.error_code()),
                      status.error_message());
  rpc::LogCall(admitted && admitted->route ? method : path,
               admitted && !admitted->caller.key_id.empty() ? &admitted->caller
                                                            : nullptr,
               logged, latency);
}

namespace {

std::string PathOf(const google::protobuf::MethodDescriptor& method) {
  return absl::StrCat("/", method.service()->full_name(), "/", method.name());
}

}  // namespace

absl::Status FrontDoorGate::Admit(
    const grpc::ServerContextBase& context,
    const google::protobuf::MethodDescriptor& method, auth::Caller& caller) {
  Admitted admitted;
  absl::Status status = door_->Admit(door_->routes()->Find(PathOf(method)),
                                     AuthorizationOf(context), admitted);
  caller = std::move(admitted.caller);
  return status;
}

void FrontDoorGate::Record(const google::protobuf::MethodDescriptor& method,
                           const auth::Caller& caller,
                           const absl::Status& status, absl::Duration elapsed,
                           bool admitted) {
  std::string path = PathOf(method);
  Admitted known;
  if (absl::StatusOr<const Route*> route = door_->routes()->Find(path);
      route.ok())
    known.route = *route;
  known.caller = caller;
  door_->Record(path, &known, rpc::ToGrpcStatus(status), absl::Now() - elapsed,
                !admitted);
}

absl::string_view AuthorizationOf(const grpc::ServerContextBase& context) {
  const auto& metadata = context.client_metadata();
  auto it = metadata.find("authorization");
  if (it == metadata.end()) return {};
  return absl::string_view(it->second.data(), it->second.size());
}

bool ForwardsMetadata(absl::string_view key) {
  static const auto* kKept = new absl::flat_hash_set<absl::string_view>{
      "authorization",   auth::kPrincipalMetadataKey,
      "content-type",    "te",
      "user-agent",      "host",
      "accept-encoding", "content-encoding",
      "content-length",  "connection"};
  return !key.empty() && key[0] != ':' && !absl::StartsWith(key, "grpc-") &&
         !kKept->contains(key);
}

}  // namespace unionhub::gateway
