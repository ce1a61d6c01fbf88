#include "services/membership/grpc_handler.h"

#include "libs/base/clock.h"
#include "libs/base/errors.h"
#include "libs/base/status_macros.h"
#include "services/membership/convert.h"

namespace unionhub::membership {
namespace {

Idempotency IdempotencyOf(const google::protobuf::Message& request,
                          const std::string& request_id) {
  return {request_id, rpc::RequestFingerprint(request)};
}

PersonalData PersonalDataFor(const auth::Caller& caller) {
  return caller.MaySeePersonalData() ? PersonalData::kFull
                                     : PersonalData::kMasked;
}

// Every path of `mask` must be in `allowed`.
absl::Status CheckMask(const google::protobuf::FieldMask& mask,
                       std::initializer_list<absl::string_view> allowed) {
  if (mask.paths().empty()) return InvalidField("update_mask", "is required");
  for (const std::string& path : mask.paths()) {
    if (std::find(allowed.begin(), allowed.end(), path) == allowed.end()) {
      return InvalidField("update_mask", path + " cannot be changed");
    }
  }
  return absl::OkStatus();
}

bool InMask(const google::protobuf::FieldMask& mask, absl::string_view path) {
  return std::find(mask.paths().begin(), mask.paths().end(), path) !=
         mask.paths().end();
}

}  // namespace

// ----------------------------------------------------------------
// organisations

grpc::ServerUnaryReactor* OrganisationHandler::CreateOrganisation(
    grpc::CallbackServerContext* context,
    const v1::CreateOrganisationRequest* request,
    v1::CreateOrganisationResponse* response) {
  return rpc::Unary(context, request, env_, [&](const auth::Caller& caller) {
    NewOrganisation n;
    n.parent_id = request->organisation().parent_id();
    n.name = request->organisation().name();
    n.type = static_cast<OrganisationType>(request->organisation().type());
    ASSIGN_OR_RETURN(
        Organisation o,
        service_->CreateOrganisation(
            caller, IdempotencyOf(*request, request->request_id()), n));
    *response->mutable_organisation() = ToProto(o);
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* OrganisationHandler::GetOrganisation(
    grpc::CallbackServerContext* context,
    const v1::GetOrganisationRequest* request,
    v1::GetOrganisationResponse* response) {
  return rpc::Unary(context, request, env_, [&](const auth::Caller& caller) {
    ASSIGN_OR_RETURN(Organisation o,
                     service_->GetOrganisation(caller, request->id()));
    *response->mutable_organisation() = ToProto(o);
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* OrganisationHandler::ListOrganisations(
    grpc::CallbackServerContext* context,
    const v1::ListOrganisationsRequest* request,
    v1::ListOrganisationsResponse* response) {
  return rpc::Unary(context, request, env_, [&](const auth::Caller& caller) {
    OrganisationQuery q;
    q.parent_id = request->parent_id();
    q.include_descendants = request->include_descendants();
    q.include_closed = request->include_closed();
    q.page_size = request->page_size();
    q.page_token = request->page_token();
    ASSIGN_OR_RETURN(Page<Organisation> page,
                     service_->ListOrganisations(caller, q));
    for (const Organisation& o : page.items)
      *response->add_organisations() = ToProto(o);
    response->set_next_page_token(page.next_page_token);
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* OrganisationHandler::UpdateOrganisation(
    grpc::CallbackServerContext* context,
    const v1::UpdateOrganisationRequest* request,
    v1::UpdateOrganisationResponse* response) {
  return rpc::Unary(context, request, env_, [&](const auth::Caller& caller) {
    RETURN_IF_ERROR(CheckMask(request->update_mask(), {"name"}));
    ASSIGN_OR_RETURN(Organisation o,
                     service_->RenameOrganisation(
                         caller, request->organisation().id(),
                         request->organisation().name(), request->etag()));
    *response->mutable_organisation() = ToProto(o);
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* OrganisationHandler::CloseOrganisation(
    grpc::CallbackServerContext* context,
    const v1::CloseOrganisationRequest* request,
    v1::CloseOrganisationResponse* response) {
  return rpc::Unary(context, request, env_, [&](const auth::Caller& caller) {
    ASSIGN_OR_RETURN(
        Organisation o,
        service_->CloseOrganisation(caller, request->id(), request->etag()));
    *response->mutable_organisation() = ToProto(o);
    return absl::OkStatus();
  });
}

// ----------------------------------------------------------------------
// members

grpc::ServerUnaryReactor* MemberHandler::CreateMember(
    grpc::CallbackServerContext* context,
    const v1::CreateMemberRequest* request,
    v1::CreateMemberResponse* response) {
  return rpc::Unary(context, request, env_, [&](const auth::Caller& caller) {
    const v1::Member& in = request->member();
    NewMember n;
    n.organisation_id = in.organisation_id();
    n.name = in.name();
    n.id_number = in.id_number();
    n.phone = in.phone();
    n.sex = static_cast<Sex>(in.sex());
    n.employment_type = static_cast<EmploymentType>(in.employment_type());
    n.join_date = in.join_date();
    if (!in.birth_date().empty()) {
      ASSIGN_OR_RETURN(n.birth_date,
                       ParseDate("member.birth_date", in.birth_date()));
    }
    ASSIGN_OR_RETURN(
        Member m,
        service_->CreateMember(
            caller, IdempotencyOf(*request, request->request_id()), n));
    *response->mutable_member() = ToProto(m, PersonalDataFor(caller));
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* MemberHandler::GetMember(
    grpc::CallbackServerContext* context, const v1::GetMemberRequest* request,
    v1::GetMemberResponse* response) {
  return rpc::Unary(context, request, env_, [&](const auth::Caller& caller) {
    ASSIGN_OR_RETURN(Member m, service_->GetMember(caller, request->id()));
    *response->mutable_member() = ToProto(m, PersonalDataFor(caller));
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* MemberHandler::ListMembers(
    grpc::CallbackServerContext* context, const v1::ListMembersRequest* request,
    v1::ListMembersResponse* response) {
  return rpc::Unary(context, request, env_, [&](const auth::Caller& caller) {
    MemberQuery q;
    q.organisation_id = request->organisation_id();
    q.include_descendants = request->include_descendants();
    q.status = static_cast<MemberStatus>(request->status());
    q.employment_type = static_cast<EmploymentType>(request->employment_type());
    q.name_prefix = request->name_prefix();
    q.id_number = request->id_number();
    q.page_size = request->page_size();
    q.page_token = request->page_token();
    ASSIGN_OR_RETURN(Page<Member> page, service_->ListMembers(caller, q));
    for (const Member& m : page.items) {
      *response->add_members() = ToProto(m, PersonalDataFor(caller));
    }
    response->set_next_page_token(page.next_page_token);
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* MemberHandler::UpdateMember(
    grpc::CallbackServerContext* context,
    const v1::UpdateMemberRequest* request,
    v1::UpdateMemberResponse* response) {
  return rpc::Unary(context, request, env_, [&](const auth::Caller& caller) {
    const auto& mask = request->update_mask();
    RETURN_IF_ERROR(CheckMask(mask, {"name", "phone", "employment_type"}));
    const v1::Member& in = request->member();
    MemberPatch patch;
    if (InMask(mask, "name")) patch.name = in.name();
    if (InMask(mask, "phone")) patch.phone = in.phone();
    if (InMask(mask, "employment_type")) {
      patch.employment_type = static_cast<EmploymentType>(in.employment_type());
    }
    ASSIGN_OR_RETURN(Member m, service_->UpdateMember(caller, in.id(), patch,
                                                      request->etag()));
    *response->mutable_member() = ToProto(m, PersonalDataFor(caller));
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* MemberHandler::ChangeMemberStatus(
    grpc::CallbackServerContext* context,
    const v1::ChangeMemberStatusRequest* request,
    v1::ChangeMemberStatusResponse* response) {
  return rpc::Unary(context, request, env_, [&](const auth::Caller& caller) {
    ASSIGN_OR_RETURN(
        Member m,
        service_->ChangeMemberStatus(
            caller, request->id(), static_cast<MemberStatus>(request->status()),
            request->effective_date(), request->reason(), request->etag()));
    *response->mutable_member() = ToProto(m, PersonalDataFor(caller));
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* MemberHandler::TransferMember(
    grpc::CallbackServerContext* context,
    const v1::TransferMemberRequest* request,
    v1::TransferMemberResponse* response) {
  return rpc::Unary(context, request, env_, [&](const auth::Caller& caller) {
    ASSIGN_OR_RETURN(
        Transfer t,
        service_->TransferMember(
            caller, IdempotencyOf(*request, request->request_id()),
            request->id(), request->target_organisation_id(),
            request->effective_date(), request->reason(), request->etag()));
    *response->mutable_previous() =
        ToProto(t.previous, PersonalDataFor(caller));
    *response->mutable_member() = ToProto(t.member, PersonalDataFor(caller));
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* MemberHandler::ListMemberStatusChanges(
    grpc::CallbackServerContext* context,
    const v1::ListMemberStatusChangesRequest* request,
    v1::ListMemberStatusChangesResponse* response) {
  return rpc::Unary(context, request, env_, [&](const auth::Caller& caller) {
    ASSIGN_OR_RETURN(auto changes, service_->ListMemberStatusChanges(
                                       caller, request->member_id()));
    for (const auto& c : changes) *response->add_changes() = ToProto(c);
    return absl::OkStatus();
  });
}

}  // namespace unionhub::membership
