// The event feed RPC every service serves over its outbox (internal:
// ROLE_SERVICE only).
#ifndef UNIONHUB_LIBS_OUTBOX_EVENT_FEED_SERVICE_H_
#define UNIONHUB_LIBS_OUTBOX_EVENT_FEED_SERVICE_H_

#include "libs/rpc/call.h"
#include "libs/sql/database.h"
#include "unionhub/events/v1/event_feed.grpc.pb.h"

namespace unionhub::outbox {

class EventFeedService final
    : public events::v1::EventFeedService::CallbackService {
 public:
  EventFeedService(sql::Database* db, rpc::CallEnv env) : db_(db), env_(env) {}

  grpc::ServerUnaryReactor* ListEvents(
      grpc::CallbackServerContext* context,
      const events::v1::ListEventsRequest* request,
      events::v1::ListEventsResponse* response) override;

 private:
  sql::Database* db_;
  rpc::CallEnv env_;
};

}  // namespace unionhub::outbox

#endif  // UNIONHUB_LIBS_OUTBOX_EVENT_FEED_SERVICE_H_
