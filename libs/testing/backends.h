// Runs a test suite parameterised by sql::Backend on SQLite and on MySQL (a
// MySQL run is skipped when no test server is configured; see
// libs/sql/testing.h):
//   class StoreTest : public ::testing::TestWithParam<sql::Backend> {...};
//   UNIONHUB_ON_BOTH_BACKENDS(StoreTest);
#ifndef UNIONHUB_LIBS_TESTING_BACKENDS_H_
#define UNIONHUB_LIBS_TESTING_BACKENDS_H_

#include "gtest/gtest.h"
#include "libs/sql/testing.h"

#define UNIONHUB_ON_BOTH_BACKENDS(Suite)                   \
  INSTANTIATE_TEST_SUITE_P(                                \
      Backends, Suite,                                     \
      ::testing::Values(::unionhub::sql::Backend::kSqlite, \
                        ::unionhub::sql::Backend::kMysql), \
      [](const auto& info) {                               \
        return ::unionhub::sql::BackendName(info.param);   \
      })

#endif  // UNIONHUB_LIBS_TESTING_BACKENDS_H_
