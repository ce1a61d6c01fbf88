// Calls straight to a suite's membership process (not through the gateway),
// as the callers cross-service tests need: the root federation's admin, a
// union's officer, and the organisations and members they make.
#ifndef UNIONHUB_TESTS_MEMBERSHIP_CALLS_H_
#define UNIONHUB_TESTS_MEMBERSHIP_CALLS_H_

#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>

#include "libs/auth/principal.h"
#include "tests/suite.h"
#include "unionhub/membership/v1/members.grpc.pb.h"
#include "unionhub/membership/v1/organisations.grpc.pb.h"

namespace unionhub::testing {

class MembershipCalls final {
 public:
  // Asks membership for its root (as a service may); check ok() after.
  explicit MembershipCalls(const Suite& suite);
  bool ok() const { return !federation_.organisation_id.empty(); }

  // A principal signed by the suite's gateway, with the token and deadline a
  // handler's caller carries (for libs/clients, which forward both).
  auth::Caller As(const std::string& organisation_id,
                  const std::string& organisation_path, auth::Role role) const;
  const auth::Caller& federation() const { return federation_; }
  std::unique_ptr<grpc::ClientContext> Context(
      const auth::Caller& caller) const;

  // Made by the federation's admin; a failure is a test failure.
  membership::v1::Organisation CreateSchool(const std::string& name);
  // An active staff member with the `seq`-th test ID number.
  membership::v1::Member CreateMember(
      const membership::v1::Organisation& school, int seq);

  const std::shared_ptr<grpc::Channel>& channel() const { return channel_; }
  membership::v1::OrganisationService::Stub& organisations() {
    return *organisations_;
  }
  membership::v1::MemberService::Stub& members() { return *members_; }

 private:
  const Suite& suite_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<membership::v1::OrganisationService::Stub> organisations_;
  std::unique_ptr<membership::v1::MemberService::Stub> members_;
  auth::Caller federation_;
};

}  // namespace unionhub::testing

#endif  // UNIONHUB_TESTS_MEMBERSHIP_CALLS_H_
