#include "libs/sql/migrate.h"

#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "libs/base/clock.h"
#include "libs/base/status_macros.h"

namespace unionhub::sql {
namespace {

std::string InDialect(const char* sql, Backend backend) {
  return absl::StrReplaceAll(
      sql,
      {{"AUTO_NUMBERED_KEY", backend == Backend::kMysql
                                 ? "BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY"
                                 // SQLite's rowid: the largest plus one.
                                 : "INTEGER PRIMARY KEY"}});
}

}  // namespace

absl::Status Migrate(Database& db, const std::vector<Migration>& migrations) {
  return db.Exclusive("unionhub_migrate", [&](Session& s) -> absl::Status {
    RETURN_IF_ERROR(
        s.ExecuteScript("CREATE TABLE IF NOT EXISTS schema_migrations ("
                        " version BIGINT NOT NULL PRIMARY KEY,"
                        " name VARCHAR(200) NOT NULL,"
                        " applied_at VARCHAR(40) NOT NULL)"));
    std::set<int64_t> applied;
    ASSIGN_OR_RETURN(Statement * st,
                     s.Query("SELECT version FROM schema_migrations"));
    while (true) {
      ASSIGN_OR_RETURN(bool row, st->Step());
      if (!row) break;
      applied.insert(st->Int(0));
    }
    int64_t newest_known = 0;
    for (const Migration& m : migrations) {
      if (m.version <= newest_known) {
        return absl::InternalError(
            absl::StrCat("migration ", m.version, " is out of order"));
      }
      newest_known = m.version;
    }
    if (!applied.empty() && *applied.rbegin() > newest_known) {
      return absl::FailedPreconditionError(
          absl::StrCat("the database is at schema version ", *applied.rbegin(),
                       ", newer than this binary knows (", newest_known, ")"));
    }
    for (const Migration& m : migrations) {
      if (applied.count(m.version)) continue;
      absl::Status done = s.ExecuteScript(InDialect(m.sql, s.backend()));
      if (!done.ok()) {
        return absl::Status(done.code(),
                            absl::StrCat("migration ", m.version, " ", m.name,
                                         ": ", done.message()));
      }
      RETURN_IF_ERROR(s.Execute("INSERT INTO schema_migrations (version, name, "
                                "applied_at) VALUES (?, ?, ?)",
                                int64_t{m.version}, m.name,
                                FormatTimestamp(absl::Now()))
                          .status());
    }
    return absl::OkStatus();
  });
}

}  // namespace unionhub::sql
