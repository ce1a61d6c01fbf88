// The membership client other services use, against a real membership
// process: what it answers, that it asks as the caller (their subtree, their
// deadline), and what it says when membership cannot answer.
#include "libs/clients/membership_client.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "libs/testing/id_numbers.h"
#include "libs/testing/matchers.h"
#include "tests/suite.h"

namespace unionhub {
namespace {

namespace v1 = membership::v1;
using ::testing::HasSubstr;
using testing::HasViolation;
using testing::StatusIs;

class MembershipClientTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto suite = testing::Suite::Start({});
    ASSERT_TRUE(suite.ok()) << suite.status();
    suite_ = *std::move(suite);
    channel_ = grpc::CreateChannel(suite_->membership_address(),
                                   grpc::InsecureChannelCredentials());
    organisations_ = v1::OrganisationService::NewStub(channel_);
    members_ = v1::MemberService::NewStub(channel_);

    auth::Caller service;  // Only a service may ask for the root.
    service.key_id = "client-test";
    service.role = auth::Role::kService;
    service.expires = absl::Now() + absl::Minutes(5);
    v1::GetRootOrganisationResponse root;
    ASSERT_TRUE(
        organisations_->GetRootOrganisation(Context(service).get(), {}, &root)
            .ok());
    federation_ =
        Principal(root.organisation().id(), root.organisation().path(),
                  auth::Role::kFederationAdmin);
    school_a_ = CreateSchool("甲校工会");
    school_b_ = CreateSchool("乙校工会");
  }

  auth::Caller Principal(const std::string& id, const std::string& path,
                         auth::Role role) {
    auth::Caller c;
    c.key_id = "k-" + id;
    c.organisation_id = id;
    c.organisation_path = path;
    c.role = role;
    c.expires = absl::Now() + absl::Minutes(5);
    // As the call path hands it to a handler: the token it came with and
    // the call's deadline.
    c.token = suite_->gateway_signer().Sign(c);
    c.deadline = absl::Now() + absl::Seconds(10);
    return c;
  }

  std::unique_ptr<grpc::ClientContext> Context(const auth::Caller& caller) {
    auto context = std::make_unique<grpc::ClientContext>();
    context->AddMetadata(auth::kPrincipalMetadataKey,
                         suite_->gateway_signer().Sign(caller));
    context->set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(10)));
    return context;
  }

  v1::Organisation CreateSchool(const std::string& name) {
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

  v1::Member CreateMember(const v1::Organisation& school, int seq) {
    v1::CreateMemberRequest request;
    v1::Member* m = request.mutable_member();
    m->set_organisation_id(school.id());
    m->set_name("赵六");
    m->set_id_number(testing::MakeIdNumber(seq));
    m->set_employment_type(v1::EMPLOYMENT_TYPE_STAFF);
    m->set_join_date("2015-09-01");
    v1::CreateMemberResponse response;
    grpc::Status s =
        members_->CreateMember(Context(federation_).get(), request, &response);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return response.member();
  }

  std::unique_ptr<testing::Suite> suite_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<v1::OrganisationService::Stub> organisations_;
  std::unique_ptr<v1::MemberService::Stub> members_;
  auth::Caller federation_;
  v1::Organisation school_a_, school_b_;
};

TEST_F(MembershipClientTest, AnswersForTheCallerWithinTheirSubtree) {
  clients::MembershipClient client(channel_);
  auto school = client.GetOrganisation(federation_, "household.organisation_id",
                                       school_a_.id());
  ASSERT_TRUE(school.ok()) << school.status();
  EXPECT_TRUE(school->open);
  EXPECT_EQ(school->path, school_a_.path());
  EXPECT_EQ(school->type, v1::ORGANISATION_TYPE_GRASSROOTS);

  v1::Member created = CreateMember(school_a_, 1);
  auto member =
      client.GetMember(federation_, "household.member_id", created.id());
  ASSERT_TRUE(member.ok()) << member.status();
  EXPECT_TRUE(member->active());
  EXPECT_EQ(member->organisation_id, school_a_.id());
  EXPECT_EQ(member->person_id, created.person_id());
  auto current = client.CurrentMembership(federation_, "household.person_id",
                                          created.person_id());
  ASSERT_TRUE(current.ok()) << current.status();
  EXPECT_EQ(current->id, created.id());

  // After a transfer the person is the same; their membership is the new one.
  v1::TransferMemberRequest transfer;
  transfer.set_id(created.id());
  transfer.set_target_organisation_id(school_b_.id());
  transfer.set_effective_date("2026-09-01");
  transfer.set_etag(created.etag());
  v1::TransferMemberResponse moved;
  ASSERT_TRUE(
      members_->TransferMember(Context(federation_).get(), transfer, &moved)
          .ok());
  current = client.CurrentMembership(federation_, "household.person_id",
                                     created.person_id());
  ASSERT_TRUE(current.ok()) << current.status();
  EXPECT_EQ(current->id, moved.member().id());
  EXPECT_EQ(current->organisation_id, school_b_.id());

  // School A's officer sees none of school B: not the union, not the member
  // who moved there.
  auth::Caller officer_a =
      Principal(school_a_.id(), school_a_.path(), auth::Role::kUnionAdmin);
  EXPECT_THAT(client.GetOrganisation(officer_a, "household.organisation_id",
                                     school_b_.id()),
              StatusIs(absl::StatusCode::kNotFound,
                       HasSubstr("household.organisation_id")));
  EXPECT_THAT(
      client.GetMember(officer_a, "household.member_id", moved.member().id()),
      StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(client.CurrentMembership(officer_a, "household.person_id",
                                       created.person_id()),
              StatusIs(absl::StatusCode::kNotFound));
}

TEST_F(MembershipClientTest, BadIdsAndBadCallersGetClearErrors) {
  clients::MembershipClient client(channel_);
  EXPECT_THAT(client.GetMember(federation_, "household.member_id", "x'; --"),
              HasViolation("household.member_id"));
  auth::Caller forged = federation_;
  forged.token = "not-a-principal";
  EXPECT_THAT(client.GetOrganisation(forged, "organisation_id", school_a_.id()),
              StatusIs(absl::StatusCode::kUnauthenticated));
  // The caller's own deadline is the limit, and says so.
  auth::Caller late = federation_;
  late.deadline = absl::Now() - absl::Seconds(1);
  EXPECT_THAT(
      client.GetOrganisation(late, "organisation_id", school_a_.id()),
      StatusIs(absl::StatusCode::kDeadlineExceeded, HasSubstr("membership")));
}

TEST_F(MembershipClientTest, MembershipUnreachableIsUnavailableAndSaysSo) {
  // Membership stopped: its port refuses connections.
  std::string address = suite_->membership_address();
  suite_->membership().Terminate();
  clients::MembershipClient client(
      grpc::CreateChannel(address, grpc::InsecureChannelCredentials()),
      absl::Seconds(2));
  absl::Time start = absl::Now();
  auto school =
      client.GetOrganisation(federation_, "organisation_id", school_a_.id());
  EXPECT_THAT(school, StatusIs(absl::StatusCode::kUnavailable,
                               HasSubstr("membership is unavailable")));
  EXPECT_LT(absl::Now() - start, absl::Seconds(5));
}

}  // namespace
}  // namespace unionhub
