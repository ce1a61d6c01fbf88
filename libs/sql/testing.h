// A fresh, empty database per test on either backend. MySQL tests read the
// server's base URL (mysql://USER:PASS@HOST:PORT/) from the file named by
// UNIONHUB_TEST_MYSQL_URL_FILE, which ctest's mariadb fixture writes; run by
// hand without it, the MySQL cases are skipped with a message saying so.
#ifndef UNIONHUB_LIBS_SQL_TESTING_H_
#define UNIONHUB_LIBS_SQL_TESTING_H_

#include <memory>
#include <string>
#include <utility>

#include "libs/sql/database.h"

namespace unionhub::sql {

// A directory removed with everything in it when this is destroyed.
class TemporaryDirectory {
 public:
  explicit TemporaryDirectory(std::string path) : path_(std::move(path)) {}
  TemporaryDirectory(const TemporaryDirectory&) = delete;
  TemporaryDirectory& operator=(const TemporaryDirectory&) = delete;
  ~TemporaryDirectory();
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

struct TestDatabase {
  // Declared first so it outlives `db`: the file goes only once it is closed.
  std::unique_ptr<TemporaryDirectory> sqlite_dir;
  std::string url;
  std::unique_ptr<Database> db;
};

// A new database: a file in a new temporary directory (removed with the
// TestDatabase), or a new MySQL database (in the test server, which ctest
// throws away). NOT_FOUND when MySQL was asked for but no test server is
// configured.
absl::StatusOr<TestDatabase> CreateTestDatabase(Backend backend);

// "sqlite" or "mysql", for test names.
std::string BackendName(Backend backend);

// Faults for tests of transactions run again (Database::SetFaultHook); each
// replaces the database's hook.
// The next `times` write transactions are deadlock victims just before COMMIT:
// each is rolled back and run again, as a real victim is.
void DeadlockBeforeCommit(Database& db, int times);
// The `n`-th write transaction from now (1: the next) loses its connection at
// COMMIT: before the server commits (`applied` false) or after (true). Either
// way its caller gets UNAVAILABLE, as a client whose answer was lost would.
void LoseCommit(Database& db, int n, bool applied);

}  // namespace unionhub::sql

// In a TEST_P over Backend: skips MySQL runs when no server is configured.
#define UNIONHUB_OPEN_TEST_DATABASE_OR_SKIP(var, backend)        \
  auto var##_or = ::unionhub::sql::CreateTestDatabase(backend);  \
  if (var##_or.status().code() == absl::StatusCode::kNotFound) { \
    GTEST_SKIP() << var##_or.status().message();                 \
  }                                                              \
  ASSERT_TRUE(var##_or.ok()) << var##_or.status();               \
  ::unionhub::sql::TestDatabase var = std::move(*var##_or)

#endif  // UNIONHUB_LIBS_SQL_TESTING_H_
