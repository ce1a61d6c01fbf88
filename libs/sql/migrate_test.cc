#include "libs/sql/migrate.h"

#include "gtest/gtest.h"
#include "libs/base/status_macros.h"
#include "libs/sql/testing.h"

namespace unionhub::sql {
namespace {

class MigrateTest : public ::testing::TestWithParam<Backend> {};

absl::StatusOr<std::vector<int64_t>> Versions(Database& db) {
  std::vector<int64_t> out;
  RETURN_IF_ERROR(db.Read([&](Session& s) -> absl::Status {
    ASSIGN_OR_RETURN(
        Statement * st,
        s.Query("SELECT version FROM schema_migrations ORDER BY version"));
    while (true) {
      ASSIGN_OR_RETURN(bool row, st->Step());
      if (!row) return absl::OkStatus();
      out.push_back(st->Int(0));
    }
  }));
  return out;
}

const std::vector<Migration> kTwo = {
    {1, "first", "CREATE TABLE a (id INT PRIMARY KEY);\n-- a comment\n"},
    {2, "second",
     "CREATE TABLE b (id INT PRIMARY KEY); CREATE INDEX b_id ON b (id)"},
};

TEST_P(MigrateTest, AppliesOnceInOrder) {
  UNIONHUB_OPEN_TEST_DATABASE_OR_SKIP(t, GetParam());
  ASSERT_TRUE(Migrate(*t.db, {kTwo[0]}).ok());
  ASSERT_TRUE(Migrate(*t.db, kTwo).ok());
  ASSERT_TRUE(
      Migrate(*t.db, kTwo).ok());  // Nothing left: no "table exists" error.
  EXPECT_EQ(*Versions(*t.db), (std::vector<int64_t>{1, 2}));
}

TEST_P(MigrateTest, RefusesADatabaseFromANewerRelease) {
  UNIONHUB_OPEN_TEST_DATABASE_OR_SKIP(t, GetParam());
  ASSERT_TRUE(Migrate(*t.db, kTwo).ok());
  EXPECT_EQ(Migrate(*t.db, {kTwo[0]}).code(),
            absl::StatusCode::kFailedPrecondition);
}

TEST_P(MigrateTest, AFailedMigrationIsNotRecorded) {
  UNIONHUB_OPEN_TEST_DATABASE_OR_SKIP(t, GetParam());
  std::vector<Migration> bad = {kTwo[0], {2, "broken", "CREATE TABLE"}};
  EXPECT_FALSE(Migrate(*t.db, bad).ok());
  auto versions = Versions(*t.db);
  // SQLite rolls the whole run back; MySQL keeps the DDL that committed before.
  if (GetParam() == Backend::kSqlite) {
    EXPECT_FALSE(versions.ok() && !versions->empty());
  } else {
    EXPECT_EQ(*versions, (std::vector<int64_t>{1}));
  }
  ASSERT_TRUE(Migrate(*t.db, kTwo).ok());
  EXPECT_EQ(*Versions(*t.db), (std::vector<int64_t>{1, 2}));
}

INSTANTIATE_TEST_SUITE_P(Backends, MigrateTest,
                         ::testing::Values(Backend::kSqlite, Backend::kMysql),
                         [](const auto& info) {
                           return BackendName(info.param);
                         });

}  // namespace
}  // namespace unionhub::sql
