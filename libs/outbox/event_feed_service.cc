#include "libs/outbox/event_feed_service.h"

#include <algorithm>

#include "libs/base/errors.h"
#include "libs/base/status_macros.h"
#include "libs/outbox/outbox.h"

namespace unionhub::outbox {

grpc::ServerUnaryReactor* EventFeedService::ListEvents(
    grpc::CallbackServerContext* context,
    const events::v1::ListEventsRequest* request,
    events::v1::ListEventsResponse* response) {
  return rpc::Unary(
      context, request, response, env_,
      [=](const auth::Caller&) -> absl::Status {
        Violations v;
        if (request->after_sequence() < 0)
          v.Add("after_sequence", "must not be negative");
        if (request->page_size() < 0)
          v.Add("page_size", "must not be negative");
        RETURN_IF_ERROR(v.Status());
        int limit = request->page_size() == 0
                        ? 100
                        : std::min(request->page_size(), 1000);
        ASSIGN_OR_RETURN(
            *response,
            outbox::ListEvents(*db_, request->after_sequence(), limit));
        return absl::OkStatus();
      });
}

}  // namespace unionhub::outbox
