// Versioned schema migrations, applied at start-up and recorded in
// schema_migrations.
#ifndef UNIONHUB_LIBS_SQL_MIGRATE_H_
#define UNIONHUB_LIBS_SQL_MIGRATE_H_

#include <vector>

#include "libs/sql/database.h"

namespace unionhub::sql {

struct Migration {
  int version;  // From the file name NNNN_description.sql; strictly increasing.
  const char* name;  // The description part.
  // `;`-separated statements in the SQL both backends accept. The one thing
  // they spell differently, a BIGINT primary key the database numbers in
  // insertion order, is written AUTO_NUMBERED_KEY.
  const char* sql;
};

// Applies the migrations not yet recorded, in order, under a database-wide lock
// so that replicas starting together apply each exactly once. Refuses
// (FAILED_PRECONDITION) a database that records a version this binary does not
// know: it was migrated by a newer release and this one must not run against
// it.
absl::Status Migrate(Database& db, const std::vector<Migration>& migrations);

}  // namespace unionhub::sql

#endif  // UNIONHUB_LIBS_SQL_MIGRATE_H_
