// A fresh, migrated reporting database per test, on each backend (the MySQL
// run is skipped when no test server is configured), for tests of the read
// model's own tables that need no source service.
#ifndef UNIONHUB_SERVICES_REPORTING_DATABASE_TEST_H_
#define UNIONHUB_SERVICES_REPORTING_DATABASE_TEST_H_

#include <gtest/gtest.h>

#include "libs/outbox/outbox.h"
#include "libs/sql/testing.h"
#include "reporting_lib_migrations.h"

namespace unionhub::reporting {

class ReportingDatabaseTest : public ::testing::TestWithParam<sql::Backend> {
 protected:
  void SetUp() override {
    auto made = sql::CreateTestDatabase(GetParam());
    if (made.status().code() == absl::StatusCode::kNotFound)
      GTEST_SKIP() << made.status().message();
    ASSERT_TRUE(made.ok()) << made.status();
    db_ = *std::move(made);
    ASSERT_TRUE(
        sql::Migrate(*db_.db, outbox::WithPlatform(reporting_lib_migrations()))
            .ok());
  }

  sql::TestDatabase db_;
};

}  // namespace unionhub::reporting

#endif  // UNIONHUB_SERVICES_REPORTING_DATABASE_TEST_H_
