#include "tests/membership_calls.h"

#include <gtest/gtest.h>

#include "libs/testing/id_numbers.h"

namespace unionhub::testing {

namespace v1 = membership::v1;

MembershipCalls::MembershipCalls(const Suite& suite)
    : suite_(suite),
      channel_(grpc::CreateChannel(suite.membership_address(),
                                   grpc::InsecureChannelCredentials())),
      organisations_(v1::OrganisationService::NewStub(channel_)),
      members_(v1::MemberService::NewStub(channel_)) {
  auth::Caller service;  // Only a service may ask for the root.
  service.key_id = "test-service";
  service.role = auth::Role::kService;
  service.expires = absl::Now() + absl::Minutes(5);
  grpc::ClientContext context;
  context.AddMetadata(auth::kPrincipalMetadataKey,
                      suite.service_signer().Sign(service));
  context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(10)));
  v1::GetRootOrganisationResponse root;
  grpc::Status s = organisations_->GetRootOrganisation(&context, {}, &root);
  EXPECT_TRUE(s.ok()) << s.error_message();
  if (s.ok()) {
    federation_ = As(root.organisation().id(), root.organisation().path(),
                     auth::Role::kFederationAdmin);
  }
}

auth::Caller MembershipCalls::As(const std::string& organisation_id,
                                 const std::string& organisation_path,
                                 auth::Role role) const {
  auth::Caller c;
  c.key_id = "k-" + organisation_id;
  c.organisation_id = organisation_id;
  c.organisation_path = organisation_path;
  c.role = role;
  c.expires = absl::Now() + absl::Minutes(5);
  c.token = suite_.gateway_signer().Sign(c);
  c.deadline = absl::Now() + absl::Seconds(10);
  return c;
}

std::unique_ptr<grpc::ClientContext> MembershipCalls::Context(
    const auth::Caller& caller) const {
  auto context = std::make_unique<grpc::ClientContext>();
  context->AddMetadata(auth::kPrincipalMetadataKey,
                       suite_.gateway_signer().Sign(caller));
  context->set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(10)));
  return context;
}

v1::Organisation MembershipCalls::CreateSchool(const std::string& name) {
  v1::CreateOrganisationRequest request;
  request.mutable_organisation()->set_parent_id(federation_.organisation_id);
  request.mutable_organisation()->set_name(name);
  request.mutable_organisation()->set_type(v1::ORGANISATION_TYPE_GRASSROOTS);
  v1::CreateOrganisationResponse response;
  grpc::Status s = organisations_->CreateOrganisation(
      Context(federation_).get(), request, &response);
  EXPECT_TRUE(s.ok()) << s.error_message();
  return response.organisation();
}

v1::Member MembershipCalls::CreateMember(const v1::Organisation& school,
                                         int seq) {
  v1::CreateMemberRequest request;
  v1::Member* m = request.mutable_member();
  m->set_organisation_id(school.id());
  m->set_name("赵六");
  m->set_id_number(MakeIdNumber(seq));
  m->set_employment_type(v1::EMPLOYMENT_TYPE_STAFF);
  m->set_join_date("2015-09-01");
  v1::CreateMemberResponse response;
  grpc::Status s =
      members_->CreateMember(Context(federation_).get(), request, &response);
  EXPECT_TRUE(s.ok()) << s.error_message();
  return response.member();
}

}  // namespace unionhub::testing
