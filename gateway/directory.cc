#include "gateway/directory.h"

#include "absl/strings/str_cat.h"

namespace unionhub::gateway {
namespace {

constexpr absl::Duration kTimeout = absl::Seconds(5);

absl::Status FromGrpc(const grpc::Status& status) {
  if (status.error_code() == grpc::StatusCode::UNAVAILABLE ||
      status.error_code() == grpc::StatusCode::DEADLINE_EXCEEDED) {
    return absl::UnavailableError(absl::StrCat(
        "the membership service did not answer: ", status.error_message()));
  }
  return absl::Status(static_cast<absl::StatusCode>(status.error_code()),
                      status.error_message());
}

}  // namespace

std::unique_ptr<grpc::ClientContext> MembershipDirectory::ContextFor(
    auth::Caller caller) const {
  auto context = std::make_unique<grpc::ClientContext>();
  context->set_deadline(absl::ToChronoTime(clock_->Now() + kTimeout));
  caller.expires = clock_->Now() + kTimeout;
  context->AddMetadata(auth::kPrincipalMetadataKey, signer_->Sign(caller));
  return context;
}

absl::StatusOr<OrganisationRef> MembershipDirectory::Root() {
  auto context = ContextFor(auth::ServiceCaller("gateway"));
  context->set_wait_for_ready(true);  // Membership may still be starting.
  membership::v1::GetRootOrganisationResponse response;
  grpc::Status status = stub_->GetRootOrganisation(
      context.get(), membership::v1::GetRootOrganisationRequest(), &response);
  if (!status.ok()) return FromGrpc(status);
  return OrganisationRef{response.organisation().id(),
                         response.organisation().path()};
}

absl::StatusOr<OrganisationRef> MembershipDirectory::Find(
    const auth::Caller& caller, absl::string_view id) {
  auto context = ContextFor(caller);
  membership::v1::GetOrganisationRequest request;
  request.set_id(std::string(id));
  membership::v1::GetOrganisationResponse response;
  grpc::Status status =
      stub_->GetOrganisation(context.get(), request, &response);
  if (!status.ok()) return FromGrpc(status);
  return OrganisationRef{response.organisation().id(),
                         response.organisation().path()};
}

}  // namespace unionhub::gateway
