#include "libs/sql/testing.h"

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "libs/base/ids.h"
#include "libs/base/status_macros.h"
#include "libs/sql/pool.h"

namespace unionhub::sql {

std::string BackendName(Backend backend) {
  return backend == Backend::kSqlite ? "sqlite" : "mysql";
}

void DeadlockBeforeCommit(Database& db, int times) {
  auto left = std::make_shared<std::atomic<int>>(times);
  db.SetFaultHook([left](FaultPoint point) {
    if (point == FaultPoint::kBeforeCommit && left->fetch_sub(1) > 0)
      return LockConflict("deadlock found when trying to get lock (injected)");
    return absl::OkStatus();
  });
}

void LoseCommit(Database& db, int n, bool applied) {
  auto commits = std::make_shared<std::atomic<int>>(0);
  const FaultPoint where =
      applied ? FaultPoint::kAfterCommit : FaultPoint::kCommit;
  db.SetFaultHook([commits, n, where](FaultPoint point) {
    if (point == where && commits->fetch_add(1) + 1 == n)
      return LostConnection("lost connection during COMMIT (injected)");
    return absl::OkStatus();
  });
}

TemporaryDirectory::~TemporaryDirectory() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

absl::StatusOr<TestDatabase> CreateTestDatabase(Backend backend) {
  TestDatabase t;
  if (backend == Backend::kSqlite) {
    auto dir = std::filesystem::temp_directory_path() /
               absl::StrCat("unionhub-test-", NewId());
    std::filesystem::create_directories(dir);
    t.sqlite_dir = std::make_unique<TemporaryDirectory>(dir.string());
    t.url = absl::StrCat("sqlite://", (dir / "test.db").string());
  } else {
    const char* file = std::getenv("UNIONHUB_TEST_MYSQL_URL_FILE");
    if (file == nullptr) {
      return absl::NotFoundError(
          "UNIONHUB_TEST_MYSQL_URL_FILE is not set: run through ctest for "
          "MySQL");
    }
    std::ifstream in(file);
    std::string base;
    if (!std::getline(in, base)) {
      return absl::FailedPreconditionError(
          absl::StrCat("cannot read the MariaDB URL from ", file));
    }
    t.url = absl::StrCat(absl::StripAsciiWhitespace(base), "t_", NewId());
  }
  ASSIGN_OR_RETURN(t.db, Database::Open(t.url));
  RETURN_IF_ERROR(t.db->Ping());
  return t;
}

}  // namespace unionhub::sql
