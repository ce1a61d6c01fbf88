#include "services/democracy/meetings/meeting_handler.h"

#include "absl/strings/str_cat.h"
#include "libs/base/status_macros.h"
#include "libs/rpc/enums.h"
#include "services/democracy/convert.h"

namespace unionhub::democracy {

grpc::ServerUnaryReactor* MeetingHandler::AddAgendaItem(
    grpc::CallbackServerContext* context,
    const v1::AddAgendaItemRequest* request,
    v1::AddAgendaItemResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        const v1::AgendaItem& in = request->item();
        NewAgendaItem n;
        n.session_id = in.session_id();
        ASSIGN_OR_RETURN(
            n.kind, rpc::FromProtoEnum<AgendaItemKind>(
                        "item.kind", in.kind(), v1::AgendaItemKind_IsValid));
        n.title = in.title();
        n.description = in.description();
        ASSIGN_OR_RETURN(
            AgendaItem a,
            service_->AddItem(caller, outbox::RequestKeyOf(*request), n));
        *response->mutable_item() = ToProto(a);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* MeetingHandler::ListAgendaItems(
    grpc::CallbackServerContext* context,
    const v1::ListAgendaItemsRequest* request,
    v1::ListAgendaItemsResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(
            Page<AgendaItem> page,
            service_->ListItems(caller, request->session_id(),
                                request->page_size(), request->page_token()));
        for (const AgendaItem& a : page.items)
          *response->add_items() = ToProto(a);
        response->set_next_page_token(page.next_page_token);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* MeetingHandler::RecordAttendance(
    grpc::CallbackServerContext* context,
    const v1::RecordAttendanceRequest* request,
    v1::RecordAttendanceResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        std::vector<Attendance> entries;
        for (int i = 0; i < request->entries_size(); ++i) {
          const v1::Attendance& in = request->entries(i);
          Attendance a;
          a.representative_id = in.representative_id();
          ASSIGN_OR_RETURN(a.status,
                           rpc::FromProtoEnum<AttendanceStatus>(
                               absl::StrCat("entries[", i, "].status"),
                               in.status(), v1::AttendanceStatus_IsValid));
          a.note = in.note();
          entries.push_back(std::move(a));
        }
        ASSIGN_OR_RETURN(
            AttendanceSummary summary,
            service_->RecordAttendance(caller, request->session_id(), entries));
        *response->mutable_summary() = ToProto(summary);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* MeetingHandler::GetAttendance(
    grpc::CallbackServerContext* context,
    const v1::GetAttendanceRequest* request,
    v1::GetAttendanceResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(auto attendance, service_->GetAttendance(
                                              caller, request->session_id()));
        for (const Attendance& a : attendance.first)
          *response->add_entries() = ToProto(a);
        *response->mutable_summary() = ToProto(attendance.second);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* MeetingHandler::OpenVote(
    grpc::CallbackServerContext* context, const v1::OpenVoteRequest* request,
    v1::OpenVoteResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(
            Vote v,
            service_->OpenVote(caller, outbox::RequestKeyOf(*request),
                               request->agenda_item_id(), request->question()));
        *response->mutable_vote() = ToProto(v);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* MeetingHandler::CastVote(
    grpc::CallbackServerContext* context, const v1::CastVoteRequest* request,
    v1::CastVoteResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(VoteChoice choice, rpc::FromProtoEnum<VoteChoice>(
                                                "choice", request->choice(),
                                                v1::VoteChoice_IsValid));
        ASSIGN_OR_RETURN(Ballot b,
                         service_->Cast(caller, request->vote_id(),
                                        request->representative_id(), choice));
        *response->mutable_ballot() = ToProto(b);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* MeetingHandler::CloseVote(
    grpc::CallbackServerContext* context, const v1::CloseVoteRequest* request,
    v1::CloseVoteResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(Vote v,
                         service_->CloseVote(caller, request->id(),
                                             request->resolution_text()));
        *response->mutable_vote() = ToProto(v);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* MeetingHandler::GetVote(
    grpc::CallbackServerContext* context, const v1::GetVoteRequest* request,
    v1::GetVoteResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(Vote v, service_->GetVote(caller, request->id()));
        *response->mutable_vote() = ToProto(v);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* MeetingHandler::ListVotes(
    grpc::CallbackServerContext* context, const v1::ListVotesRequest* request,
    v1::ListVotesResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(
            Page<Vote> page,
            service_->ListVotes(caller, request->session_id(),
                                request->page_size(), request->page_token()));
        for (const Vote& v : page.items) *response->add_votes() = ToProto(v);
        response->set_next_page_token(page.next_page_token);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* MeetingHandler::ListBallots(
    grpc::CallbackServerContext* context, const v1::ListBallotsRequest* request,
    v1::ListBallotsResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(
            Page<Ballot> page,
            service_->ListBallots(caller, request->vote_id(),
                                  request->page_size(), request->page_token()));
        for (const Ballot& b : page.items)
          *response->add_ballots() = ToProto(b);
        response->set_next_page_token(page.next_page_token);
        return absl::OkStatus();
      });
}

}  // namespace unionhub::democracy
