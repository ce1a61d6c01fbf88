// gRPC front of v1::FeedStatusService: how far the read model is behind each
// feed, and which replica consumes.
#ifndef UNIONHUB_SERVICES_REPORTING_FEEDS_FEED_STATUS_HANDLER_H_
#define UNIONHUB_SERVICES_REPORTING_FEEDS_FEED_STATUS_HANDLER_H_

#include "libs/rpc/call.h"
#include "services/reporting/feeds/follower.h"
#include "unionhub/reporting/v1/feeds.grpc.pb.h"

namespace unionhub::reporting {

class FeedStatusHandler final : public v1::FeedStatusService::CallbackService {
 public:
  FeedStatusHandler(FeedFollower* follower, rpc::CallEnv env)
      : follower_(follower), env_(env) {}

  grpc::ServerUnaryReactor* GetFeedStatus(
      grpc::CallbackServerContext* context,
      const v1::GetFeedStatusRequest* request,
      v1::GetFeedStatusResponse* response) override;

 private:
  FeedFollower* follower_;
  rpc::CallEnv env_;
};

}  // namespace unionhub::reporting

#endif  // UNIONHUB_SERVICES_REPORTING_FEEDS_FEED_STATUS_HANDLER_H_
