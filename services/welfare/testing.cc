#include "services/welfare/testing.h"

#include "libs/outbox/outbox.h"
#include "welfare_lib_migrations.h"

namespace unionhub::welfare {

WelfareTest::WelfareTest()
    : BesideMembershipTest(outbox::WithPlatform(welfare_lib_migrations())) {}

}  // namespace unionhub::welfare
