// The membership client other services use, against a real membership
// process: what it answers, that it asks as the caller (their subtree, their
// deadline), and what it says when membership cannot answer.
#include "libs/clients/membership_client.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "libs/testing/matchers.h"
#include "tests/membership_calls.h"
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
    calls_ = std::make_unique<testing::MembershipCalls>(*suite_);
    ASSERT_TRUE(calls_->ok());
    channel_ = calls_->channel();
    federation_ = calls_->federation();
    school_a_ = calls_->CreateSchool("甲校工会");
    school_b_ = calls_->CreateSchool("乙校工会");
  }

  std::unique_ptr<testing::Suite> suite_;
  std::unique_ptr<testing::MembershipCalls> calls_;
  std::shared_ptr<grpc::Channel> channel_;
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

  v1::Member created = calls_->CreateMember(school_a_, 1);
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
      calls_->members()
          .TransferMember(calls_->Context(federation_).get(), transfer, &moved)
          .ok());
  current = client.CurrentMembership(federation_, "household.person_id",
                                     created.person_id());
  ASSERT_TRUE(current.ok()) << current.status();
  EXPECT_EQ(current->id, moved.member().id());
  EXPECT_EQ(current->organisation_id, school_b_.id());

  // School A's officer sees none of school B: not the union, not the member
  // who moved there.
  auth::Caller officer_a =
      calls_->As(school_a_.id(), school_a_.path(), auth::Role::kUnionAdmin);
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
