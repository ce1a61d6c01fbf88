// What the welfare tests share: a welfare database per backend with the
// schema, a real membership on loopback holding a district education union
// with two school unions, callers for them, and a clock fixed at 2026-11-21 in
// Beijing that tests move on.
#ifndef UNIONHUB_SERVICES_WELFARE_TESTING_H_
#define UNIONHUB_SERVICES_WELFARE_TESTING_H_

#include <memory>
#include <string>

#include "gtest/gtest.h"
#include "libs/clients/membership_client.h"
#include "libs/sql/testing.h"
#include "libs/testing/backends.h"
#include "libs/testing/matchers.h"
#include "services/membership/testing.h"

namespace unionhub::welfare {

class WelfareTest : public ::testing::TestWithParam<sql::Backend> {
 protected:
  // Skips MySQL runs when no test server is configured.
  void SetUp() override;

  int64_t CountRows(const char* table);
  // Moves the clock to `day` (YYYY-MM-DD), 10:00 in Beijing.
  void SetToday(absl::string_view day);

  std::unique_ptr<membership::LoopbackMembership> membership_;
  std::unique_ptr<clients::MembershipClient> membership_client_;
  FakeClock clock_{absl::FromCivil(absl::CivilSecond(2026, 11, 21, 10, 0, 0),
                                   BeijingTime())};
  sql::TestDatabase db_;
  membership::Organisation district_, school_a_, school_b_;
  auth::Caller federation_, district_admin_, admin_a_, admin_b_, viewer_a_;
};

}  // namespace unionhub::welfare

#endif  // UNIONHUB_SERVICES_WELFARE_TESTING_H_
