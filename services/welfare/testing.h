// What the welfare tests share: BesideMembershipTest (membership's
// testing.h) over a welfare database.
#ifndef UNIONHUB_SERVICES_WELFARE_TESTING_H_
#define UNIONHUB_SERVICES_WELFARE_TESTING_H_

#include "services/membership/testing.h"

namespace unionhub::welfare {

class WelfareTest : public membership::BesideMembershipTest {
 protected:
  WelfareTest();
};

}  // namespace unionhub::welfare

#endif  // UNIONHUB_SERVICES_WELFARE_TESTING_H_
