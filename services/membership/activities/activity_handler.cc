#include "services/membership/activities/activity_handler.h"

#include "libs/base/errors.h"
#include "libs/base/status_macros.h"
#include "libs/rpc/enums.h"
#include "libs/rpc/field_mask.h"
#include "services/membership/convert.h"

namespace unionhub::membership {

grpc::ServerUnaryReactor* ActivityHandler::CreateActivity(
    grpc::CallbackServerContext* context,
    const v1::CreateActivityRequest* request,
    v1::CreateActivityResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        const v1::Activity& in = request->activity();
        ASSIGN_OR_RETURN(ActivityKind kind, rpc::FromProtoEnum<ActivityKind>(
                                                "activity.kind", in.kind(),
                                                v1::ActivityKind_IsValid));
        NewActivity n{in.organisation_id(), in.name(),     kind,
                      in.start_date(),      in.end_date(), in.location(),
                      in.description()};
        ASSIGN_OR_RETURN(Activity a,
                         service_->CreateActivity(
                             caller, outbox::RequestKeyOf(*request), n));
        *response->mutable_activity() = ToProto(a);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* ActivityHandler::GetActivity(
    grpc::CallbackServerContext* context, const v1::GetActivityRequest* request,
    v1::GetActivityResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(Activity a,
                         service_->GetActivity(caller, request->id()));
        *response->mutable_activity() = ToProto(a);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* ActivityHandler::ListActivities(
    grpc::CallbackServerContext* context,
    const v1::ListActivitiesRequest* request,
    v1::ListActivitiesResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(ActivityKind kind, rpc::FromProtoEnum<ActivityKind>(
                                                "kind", request->kind(),
                                                v1::ActivityKind_IsValid));
        DatedQuery q{request->organisation_id(), kind, request->year(),
                     request->page_size(), request->page_token()};
        ASSIGN_OR_RETURN(Page<Activity> page,
                         service_->ListActivities(caller, q));
        for (const Activity& a : page.items)
          *response->add_activities() = ToProto(a);
        response->set_next_page_token(page.next_page_token);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* ActivityHandler::AddParticipants(
    grpc::CallbackServerContext* context,
    const v1::AddParticipantsRequest* request,
    v1::AddParticipantsResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        std::vector<Participation> participants;
        for (const v1::Participation& p : request->participants()) {
          participants.push_back({"", p.member_id(), "", p.award(), p.note()});
        }
        ASSIGN_OR_RETURN(ParticipantsAdded added,
                         service_->AddParticipants(
                             caller, request->activity_id(), participants));
        response->set_added(added.added);
        response->set_updated(added.updated);
        response->set_participant_count(added.participant_count);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* ActivityHandler::ListParticipants(
    grpc::CallbackServerContext* context,
    const v1::ListParticipantsRequest* request,
    v1::ListParticipantsResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(Page<Participation> page,
                         service_->ListParticipants(
                             caller, request->activity_id(),
                             request->page_size(), request->page_token()));
        for (const Participation& p : page.items)
          *response->add_participants() = ToProto(p);
        response->set_next_page_token(page.next_page_token);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* ActivityHandler::RecordHonour(
    grpc::CallbackServerContext* context,
    const v1::RecordHonourRequest* request,
    v1::RecordHonourResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        const v1::Honour& in = request->honour();
        ASSIGN_OR_RETURN(HonourLevel level, rpc::FromProtoEnum<HonourLevel>(
                                                "honour.level", in.level(),
                                                v1::HonourLevel_IsValid));
        NewHonour n{in.organisation_id(), in.member_id(), in.title(), level,
                    in.awarded_by(),      in.award_date()};
        ASSIGN_OR_RETURN(
            Honour h,
            service_->RecordHonour(caller, outbox::RequestKeyOf(*request), n));
        *response->mutable_honour() = ToProto(h);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* ActivityHandler::ListHonours(
    grpc::CallbackServerContext* context, const v1::ListHonoursRequest* request,
    v1::ListHonoursResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        DatedQuery q{request->organisation_id(), ActivityKind::kUnspecified,
                     request->year(), request->page_size(),
                     request->page_token()};
        ASSIGN_OR_RETURN(Page<Honour> page, service_->ListHonours(caller, q));
        for (const Honour& h : page.items)
          *response->add_honours() = ToProto(h);
        response->set_next_page_token(page.next_page_token);
        return absl::OkStatus();
      });
}

}  // namespace unionhub::membership
