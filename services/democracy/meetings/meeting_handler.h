// gRPC front of v1::MeetingService (agenda, attendance, votes): proto in,
// domain call, proto out.
#ifndef UNIONHUB_SERVICES_DEMOCRACY_MEETINGS_MEETING_HANDLER_H_
#define UNIONHUB_SERVICES_DEMOCRACY_MEETINGS_MEETING_HANDLER_H_

#include "libs/rpc/call.h"
#include "services/democracy/meetings/meetings.h"
#include "unionhub/democracy/v1/meetings.grpc.pb.h"

namespace unionhub::democracy {

class MeetingHandler final : public v1::MeetingService::CallbackService {
 public:
  MeetingHandler(Meetings* service, rpc::CallEnv env)
      : service_(service), env_(env) {}

  grpc::ServerUnaryReactor* AddAgendaItem(
      grpc::CallbackServerContext* context,
      const v1::AddAgendaItemRequest* request,
      v1::AddAgendaItemResponse* response) override;
  grpc::ServerUnaryReactor* ListAgendaItems(
      grpc::CallbackServerContext* context,
      const v1::ListAgendaItemsRequest* request,
      v1::ListAgendaItemsResponse* response) override;
  grpc::ServerUnaryReactor* RecordAttendance(
      grpc::CallbackServerContext* context,
      const v1::RecordAttendanceRequest* request,
      v1::RecordAttendanceResponse* response) override;
  grpc::ServerUnaryReactor* GetAttendance(
      grpc::CallbackServerContext* context,
      const v1::GetAttendanceRequest* request,
      v1::GetAttendanceResponse* response) override;
  grpc::ServerUnaryReactor* OpenVote(grpc::CallbackServerContext* context,
                                     const v1::OpenVoteRequest* request,
                                     v1::OpenVoteResponse* response) override;
  grpc::ServerUnaryReactor* CastVote(grpc::CallbackServerContext* context,
                                     const v1::CastVoteRequest* request,
                                     v1::CastVoteResponse* response) override;
  grpc::ServerUnaryReactor* CloseVote(grpc::CallbackServerContext* context,
                                      const v1::CloseVoteRequest* request,
                                      v1::CloseVoteResponse* response) override;
  grpc::ServerUnaryReactor* GetVote(grpc::CallbackServerContext* context,
                                    const v1::GetVoteRequest* request,
                                    v1::GetVoteResponse* response) override;
  grpc::ServerUnaryReactor* ListVotes(grpc::CallbackServerContext* context,
                                      const v1::ListVotesRequest* request,
                                      v1::ListVotesResponse* response) override;
  grpc::ServerUnaryReactor* ListBallots(
      grpc::CallbackServerContext* context,
      const v1::ListBallotsRequest* request,
      v1::ListBallotsResponse* response) override;

 private:
  Meetings* service_;
  rpc::CallEnv env_;
};

}  // namespace unionhub::democracy

#endif  // UNIONHUB_SERVICES_DEMOCRACY_MEETINGS_MEETING_HANDLER_H_
