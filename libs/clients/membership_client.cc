#include "libs/clients/membership_client.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "libs/base/errors.h"
#include "libs/base/ids.h"
#include "libs/base/status_macros.h"

namespace unionhub::clients {
namespace {

namespace v1 = membership::v1;

// Membership's answer, as the asking service reports it.
absl::Status Mapped(const grpc::Status& status, absl::string_view field,
                    absl::string_view what, absl::string_view id) {
  switch (status.error_code()) {
    case grpc::StatusCode::OK:
      return absl::OkStatus();
    case grpc::StatusCode::NOT_FOUND:
      return absl::NotFoundError(
          absl::StrCat(field, ": ", what, " ", id, " not found"));
    case grpc::StatusCode::INVALID_ARGUMENT:
      return InvalidField(field, "is not a valid id");
    case grpc::StatusCode::DEADLINE_EXCEEDED:
      return absl::DeadlineExceededError(
          "membership did not answer within the call's deadline");
    case grpc::StatusCode::UNAVAILABLE:
    case grpc::StatusCode::CANCELLED:
    case grpc::StatusCode::RESOURCE_EXHAUSTED:
      return absl::UnavailableError(absl::StrCat("membership is unavailable (",
                                                 status.error_message(),
                                                 "); try again"));
    case grpc::StatusCode::PERMISSION_DENIED:
      return absl::PermissionDeniedError(status.error_message());
    case grpc::StatusCode::UNAUTHENTICATED:
      return absl::UnauthenticatedError(absl::StrCat(
          "membership refused the caller: ", status.error_message()));
    default:
      return absl::InternalError(absl::StrCat("membership answered ",
                                              status.error_code(), ": ",
                                              status.error_message()));
  }
}

MemberRef RefOf(const v1::Member& m) {
  return {m.id(),     m.person_id(), m.organisation_id(), m.name(),
          m.status(), m.sex(),       m.birth_date(),      m.employment_type()};
}

}  // namespace

MembershipClient::MembershipClient(
    std::shared_ptr<grpc::ChannelInterface> channel, absl::Duration max_wait)
    : organisations_(v1::OrganisationService::NewStub(channel)),
      members_(v1::MemberService::NewStub(channel)),
      max_wait_(max_wait) {}

std::unique_ptr<grpc::ClientContext> MembershipClient::ContextFor(
    const auth::Caller& caller) const {
  auto context = std::make_unique<grpc::ClientContext>();
  context->AddMetadata(auth::kPrincipalMetadataKey, caller.token);
  context->set_deadline(
      absl::ToChronoTime(std::min(caller.deadline, absl::Now() + max_wait_)));
  return context;
}

absl::StatusOr<OrganisationRef> MembershipClient::GetOrganisation(
    const auth::Caller& caller, absl::string_view field, absl::string_view id) {
  if (!IsValidId(id)) return InvalidField(field, "is not a valid id");
  v1::GetOrganisationRequest request;
  request.set_id(std::string(id));
  v1::GetOrganisationResponse response;
  grpc::Status status = organisations_->GetOrganisation(
      ContextFor(caller).get(), request, &response);
  if (!status.ok()) return Mapped(status, field, "organisation", id);
  const v1::Organisation& o = response.organisation();
  return OrganisationRef{o.id(), o.path(), o.name(), o.type(),
                         o.state() == v1::ORGANISATION_STATE_ACTIVE};
}

absl::StatusOr<MemberRef> MembershipClient::GetMember(
    const auth::Caller& caller, absl::string_view field,
    absl::string_view member_id) {
  if (!IsValidId(member_id)) return InvalidField(field, "is not a valid id");
  v1::GetMemberRequest request;
  request.set_id(std::string(member_id));
  v1::GetMemberResponse response;
  grpc::Status status =
      members_->GetMember(ContextFor(caller).get(), request, &response);
  if (!status.ok()) return Mapped(status, field, "member", member_id);
  return RefOf(response.member());
}

absl::StatusOr<std::vector<MemberRef>> MembershipClient::Memberships(
    const auth::Caller& caller, absl::string_view field,
    absl::string_view person_id) {
  if (!IsValidId(person_id)) return InvalidField(field, "is not a valid id");
  v1::ListMembersRequest request;
  request.set_include_descendants(true);
  request.set_person_id(std::string(person_id));
  request.set_page_size(50);  // A person has a handful of memberships.
  v1::ListMembersResponse response;
  grpc::Status status =
      members_->ListMembers(ContextFor(caller).get(), request, &response);
  if (!status.ok()) return Mapped(status, field, "person", person_id);
  if (response.members().empty()) {
    return absl::NotFoundError(
        absl::StrCat(field, ": person ", person_id, " not found"));
  }
  std::vector<MemberRef> out;
  for (const v1::Member& m : response.members()) out.push_back(RefOf(m));
  return out;
}

absl::StatusOr<bool> MembershipClient::IsModelWorker(
    const auth::Caller& caller, absl::string_view field,
    absl::string_view person_id) {
  if (!IsValidId(person_id)) return InvalidField(field, "is not a valid id");
  v1::ListMembersRequest request;
  request.set_include_descendants(true);
  request.set_person_id(std::string(person_id));
  request.set_only_model_workers(true);
  request.set_page_size(1);
  v1::ListMembersResponse response;
  grpc::Status status =
      members_->ListMembers(ContextFor(caller).get(), request, &response);
  if (!status.ok()) return Mapped(status, field, "person", person_id);
  return response.members_size() > 0;
}

absl::StatusOr<MemberRef> MembershipClient::CurrentMembership(
    const auth::Caller& caller, absl::string_view field,
    absl::string_view person_id) {
  ASSIGN_OR_RETURN(std::vector<MemberRef> all,
                   Memberships(caller, field, person_id));
  for (const MemberRef& ref : all) {
    if (ref.holds_membership()) return ref;
  }
  return absl::NotFoundError(
      absl::StrCat(field, ": person ", person_id, " holds no membership here"));
}

}  // namespace unionhub::clients
