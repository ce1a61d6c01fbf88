// gRPC front of v1::MemberService (members, transfers, roster import): proto
// in, domain call, proto out. Personal data is masked by the caller's role
// (convert.h).
#ifndef UNIONHUB_SERVICES_MEMBERSHIP_MEMBER_HANDLER_H_
#define UNIONHUB_SERVICES_MEMBERSHIP_MEMBER_HANDLER_H_

#include "libs/rpc/call.h"
#include "services/membership/members.h"
#include "unionhub/membership/v1/members.grpc.pb.h"

namespace unionhub::membership {

// ImportMembers reads raw messages so that one that does not parse is told
// apart from the end of the upload (gRPC reports both as a failed read).
class MemberHandler final
    : public v1::MemberService::WithRawCallbackMethod_ImportMembers<
          v1::MemberService::CallbackService> {
 public:
  MemberHandler(Members* service, rpc::CallEnv env)
      : service_(service), env_(env) {}

  grpc::ServerUnaryReactor* CreateMember(
      grpc::CallbackServerContext* context,
      const v1::CreateMemberRequest* request,
      v1::CreateMemberResponse* response) override;
  grpc::ServerUnaryReactor* GetMember(grpc::CallbackServerContext* context,
                                      const v1::GetMemberRequest* request,
                                      v1::GetMemberResponse* response) override;
  grpc::ServerUnaryReactor* ListMembers(
      grpc::CallbackServerContext* context,
      const v1::ListMembersRequest* request,
      v1::ListMembersResponse* response) override;
  grpc::ServerUnaryReactor* UpdateMember(
      grpc::CallbackServerContext* context,
      const v1::UpdateMemberRequest* request,
      v1::UpdateMemberResponse* response) override;
  grpc::ServerUnaryReactor* ChangeMemberStatus(
      grpc::CallbackServerContext* context,
      const v1::ChangeMemberStatusRequest* request,
      v1::ChangeMemberStatusResponse* response) override;
  grpc::ServerUnaryReactor* TransferMember(
      grpc::CallbackServerContext* context,
      const v1::TransferMemberRequest* request,
      v1::TransferMemberResponse* response) override;
  grpc::ServerReadReactor<grpc::ByteBuffer>* ImportMembers(
      grpc::CallbackServerContext* context,
      grpc::ByteBuffer* response) override;
  grpc::ServerUnaryReactor* ListMemberStatusChanges(
      grpc::CallbackServerContext* context,
      const v1::ListMemberStatusChangesRequest* request,
      v1::ListMemberStatusChangesResponse* response) override;

 private:
  Members* service_;
  rpc::CallEnv env_;
};

}  // namespace unionhub::membership

#endif  // UNIONHUB_SERVICES_MEMBERSHIP_MEMBER_HANDLER_H_
