// What the membership tests share: a fresh database per backend with the
// schema, the root federation and its admin, a clock fixed at 2026-11-21, and
// small helpers.
#ifndef UNIONHUB_SERVICES_MEMBERSHIP_TESTING_H_
#define UNIONHUB_SERVICES_MEMBERSHIP_TESTING_H_

#include <memory>
#include <string>

#include "gtest/gtest.h"
#include "libs/auth/principal.h"
#include "libs/clients/membership_client.h"
#include "libs/rpc/server.h"
#include "libs/sql/migrate.h"
#include "libs/sql/testing.h"
#include "libs/testing/backends.h"
#include "libs/testing/matchers.h"
#include "services/membership/member_handler.h"
#include "services/membership/members.h"
#include "services/membership/model_workers/model_workers.h"
#include "services/membership/organisation_handler.h"
#include "services/membership/organisations.h"
#include "services/membership/store.h"

namespace unionhub::membership {

class MembershipTest : public ::testing::TestWithParam<sql::Backend> {
 protected:
  // Skips MySQL runs when no test server is configured.
  void SetUp() override;

  auth::Caller CallerFor(const Organisation& org, auth::Role role) const;
  Organisation MustCreateOrganisation(const std::string& parent_id,
                                      const std::string& name,
                                      OrganisationType type);
  int64_t CountRows(const char* table);
  // A valid registration with `org`: the person's ID number is made from
  // `seq` and `birth` (YYYYMMDD).
  NewMember NewMemberIn(const Organisation& org, const std::string& name,
                        int seq, absl::string_view birth = "19850312") const;

  // A valid 身份证号 born on `birth` (YYYYMMDD); odd `seq` is a man, even a
  // woman.
  static std::string MakeIdNumber(absl::string_view birth, int seq);

  crypto::DataKeys keys_ = *crypto::DataKeys::FromMaster(std::string(32, 'k'));
  Store store_{&keys_};
  FakeClock clock_{absl::FromCivil(absl::CivilSecond(2026, 11, 21, 2, 0, 0),
                                   absl::UTCTimeZone())};
  sql::TestDatabase db_;
  std::unique_ptr<Organisations> organisations_;
  std::unique_ptr<Members> members_;
  Organisation root_;
  auth::Caller federation_;  // Federation admin at the root.
};

// Below the root, a district education union with two school unions.
class DistrictTest : public MembershipTest {
 protected:
  void SetUp() override;

  Organisation district_, school_a_, school_b_;
};

// The real membership other services ask, inside the test process: its
// organisation and member services on a loopback port, over a SQLite database
// of its own, trusting principals signed as the gateway signs them.
class LoopbackMembership {
 public:
  static absl::StatusOr<std::unique_ptr<LoopbackMembership>> Start();
  ~LoopbackMembership();

  std::shared_ptr<grpc::Channel> channel() const { return channel_; }
  // Stops serving, as membership going away: calls to it fail from now on.
  void Stop();

  // A principal of `org` with `role`, signed (token set), for an hour; `key`
  // tells two keys of one organisation and role apart.
  auth::Caller CallerFor(const Organisation& org, auth::Role role,
                         absl::string_view key = "") const;
  const Organisation& root() const { return root_; }
  // Created through the domain as the federation admin; EXPECTs success.
  Organisation MustCreateOrganisation(const std::string& parent_id,
                                      const std::string& name,
                                      OrganisationType type);
  // A staff member of `org` whose ID number is made from `seq` (even: a
  // woman) and `birth` (YYYYMMDD).
  Member MustCreateMember(const Organisation& org, const std::string& name,
                          int seq, absl::string_view birth = "19850312");
  // Puts `member` in the model-worker archive (a city-level 劳模).
  void MustRecordModelWorker(const Member& member);
  Members& members() { return *members_; }

 private:
  LoopbackMembership() = default;

  crypto::DataKeys keys_ = *crypto::DataKeys::FromMaster(std::string(32, 'k'));
  Store store_{&keys_};
  auth::PrincipalSigner gateway_{crypto::SigningKey::Generate()};
  auth::PrincipalVerifier verifier_{
      {{gateway_.public_key(), auth::KeyKind::kGateway}}};
  sql::TestDatabase db_;
  std::unique_ptr<Organisations> organisations_;
  std::unique_ptr<Members> members_;
  std::unique_ptr<ModelWorkers> model_workers_;
  std::unique_ptr<rpc::Serving> serving_;  // Outlives the server.
  std::unique_ptr<OrganisationHandler> organisation_handler_;
  std::unique_ptr<MemberHandler> member_handler_;
  std::unique_ptr<rpc::Server> server_;
  std::shared_ptr<grpc::Channel> channel_;
  Organisation root_;
};

// What the tests of a service beside membership (welfare, democracy) share:
// the service's database per backend with its schema, a real membership on
// loopback holding a district education union with two school unions,
// callers for them, and a clock fixed at 2026-11-21 10:00 in Beijing that
// tests move on.
class BesideMembershipTest : public ::testing::TestWithParam<sql::Backend> {
 protected:
  // `migrations`: the service's (with the platform's).
  explicit BesideMembershipTest(std::vector<sql::Migration> migrations)
      : migrations_(std::move(migrations)) {}
  // Skips MySQL runs when no test server is configured.
  void SetUp() override;

  int64_t CountRows(const char* table);
  // Moves the clock to `day` (YYYY-MM-DD), 10:00 in Beijing.
  void SetToday(absl::string_view day);

  std::unique_ptr<LoopbackMembership> membership_;
  std::unique_ptr<clients::MembershipClient> membership_client_;
  FakeClock clock_{absl::FromCivil(absl::CivilSecond(2026, 11, 21, 10, 0, 0),
                                   BeijingTime())};
  sql::TestDatabase db_;
  Organisation district_, school_a_, school_b_;
  auth::Caller federation_, district_admin_, admin_a_, admin_b_, viewer_a_;

 private:
  std::vector<sql::Migration> migrations_;
};

}  // namespace unionhub::membership

#endif  // UNIONHUB_SERVICES_MEMBERSHIP_TESTING_H_
