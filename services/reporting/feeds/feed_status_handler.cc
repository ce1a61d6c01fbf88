#include "services/reporting/feeds/feed_status_handler.h"

#include "libs/base/errors.h"
#include "libs/base/status_macros.h"
#include "libs/rpc/proto_time.h"

namespace unionhub::reporting {

grpc::ServerUnaryReactor* FeedStatusHandler::GetFeedStatus(
    grpc::CallbackServerContext* context,
    const v1::GetFeedStatusRequest* request,
    v1::GetFeedStatusResponse* response) {
  return rpc::Unary(
      context, request, response, env_,
      [=](const auth::Caller& caller) -> absl::Status {
        // The feeds carry every tenant's changes: their positions are for the
        // federation's administrators (and operators, on the metrics port).
        if (caller.role != auth::Role::kFederationAdmin) {
          return absl::PermissionDeniedError(
              "the feeds' positions are for federation administrators");
        }
        ASSIGN_OR_RETURN(std::vector<FeedPosition> feeds,
                         follower_->Positions());
        for (const FeedPosition& f : feeds) {
          v1::FeedStatus* p = response->add_feeds();
          p->set_feed(f.feed);
          p->set_applied_sequence(f.lag.applied);
          p->set_head_sequence(f.lag.head);
          p->set_events_behind(f.lag.events_behind());
          if (f.lag.caught_up_at != absl::InfinitePast())
            rpc::SetProtoTime(f.lag.caught_up_at, p->mutable_caught_up_time());
          p->set_consecutive_failures(f.lag.consecutive_failures);
          // A storage error's text is for the log only.
          p->set_last_error(IsStorageError(f.lag.last_error)
                                ? "reporting's database failed (see its log)"
                                : std::string(f.lag.last_error.message()));
        }
        ASSIGN_OR_RETURN(LeaseState lease, follower_->lease().Read());
        response->set_consumer(lease.holder);
        response->set_this_replica_consumes(follower_->consuming());
        if (lease.expires != absl::InfinitePast())
          rpc::SetProtoTime(lease.expires,
                            response->mutable_lease_expire_time());
        return absl::OkStatus();
      });
}

}  // namespace unionhub::reporting
