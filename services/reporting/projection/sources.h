// The projections per source service (projection.cc dispatches on the
// payload's type, so every event carrying a record's state projects alike).
#ifndef UNIONHUB_SERVICES_REPORTING_PROJECTION_SOURCES_H_
#define UNIONHUB_SERVICES_REPORTING_PROJECTION_SOURCES_H_

#include "google/protobuf/any.pb.h"
#include "services/reporting/projection/projection.h"

namespace unionhub::reporting {

// Each returns false when the payload is not one of its messages; an error
// when it is but cannot be read or placed.
absl::StatusOr<bool> ProjectMembership(const events::v1::Event& event,
                                       ProjectionContext& context,
                                       Projection& out);
absl::StatusOr<bool> ProjectWelfare(const events::v1::Event& event,
                                    ProjectionContext& context,
                                    Projection& out);
absl::StatusOr<bool> ProjectDemocracy(const events::v1::Event& event,
                                      ProjectionContext& context,
                                      Projection& out);

// Reads the event's payload as T; DATA_LOSS naming the event if it cannot.
template <typename T>
absl::StatusOr<T> PayloadAs(const events::v1::Event& event) {
  T message;
  if (!event.payload().UnpackTo(&message)) {
    return absl::DataLossError("the event's payload cannot be read as " +
                               T::descriptor()->full_name());
  }
  return message;
}

}  // namespace unionhub::reporting

#endif  // UNIONHUB_SERVICES_REPORTING_PROJECTION_SOURCES_H_
