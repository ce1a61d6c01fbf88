// gRPC front of v1::ActivityService (activities, participants, honours): proto
// in, domain call, proto out. Personal data is masked by the caller's role
// (convert.h).
#ifndef UNIONHUB_SERVICES_MEMBERSHIP_ACTIVITIES_ACTIVITY_HANDLER_H_
#define UNIONHUB_SERVICES_MEMBERSHIP_ACTIVITIES_ACTIVITY_HANDLER_H_

#include "libs/rpc/call.h"
#include "services/membership/activities/activities.h"
#include "unionhub/membership/v1/activities.grpc.pb.h"

namespace unionhub::membership {

class ActivityHandler final : public v1::ActivityService::CallbackService {
 public:
  ActivityHandler(Activities* service, rpc::CallEnv env)
      : service_(service), env_(env) {}

  grpc::ServerUnaryReactor* CreateActivity(
      grpc::CallbackServerContext* context,
      const v1::CreateActivityRequest* request,
      v1::CreateActivityResponse* response) override;
  grpc::ServerUnaryReactor* GetActivity(
      grpc::CallbackServerContext* context,
      const v1::GetActivityRequest* request,
      v1::GetActivityResponse* response) override;
  grpc::ServerUnaryReactor* ListActivities(
      grpc::CallbackServerContext* context,
      const v1::ListActivitiesRequest* request,
      v1::ListActivitiesResponse* response) override;
  grpc::ServerUnaryReactor* AddParticipants(
      grpc::CallbackServerContext* context,
      const v1::AddParticipantsRequest* request,
      v1::AddParticipantsResponse* response) override;
  grpc::ServerUnaryReactor* ListParticipants(
      grpc::CallbackServerContext* context,
      const v1::ListParticipantsRequest* request,
      v1::ListParticipantsResponse* response) override;
  grpc::ServerUnaryReactor* RecordHonour(
      grpc::CallbackServerContext* context,
      const v1::RecordHonourRequest* request,
      v1::RecordHonourResponse* response) override;
  grpc::ServerUnaryReactor* ListHonours(
      grpc::CallbackServerContext* context,
      const v1::ListHonoursRequest* request,
      v1::ListHonoursResponse* response) override;

 private:
  Activities* service_;
  rpc::CallEnv env_;
};

}  // namespace unionhub::membership

#endif  // UNIONHUB_SERVICES_MEMBERSHIP_ACTIVITIES_ACTIVITY_HANDLER_H_
