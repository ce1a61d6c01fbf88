// Constructors of the two backends, used by Database::Open.
#ifndef UNIONHUB_LIBS_SQL_BACKENDS_H_
#define UNIONHUB_LIBS_SQL_BACKENDS_H_

#include <memory>
#include <string>

#include "libs/sql/database.h"

namespace unionhub::sql {

struct MysqlAddress {
  std::string user;
  std::string password;
  std::string host;
  int port = 3306;
  std::string database;
};

// Parses mysql://USER[:PASS]@HOST[:PORT]/DB (user and password
// percent-decoded).
absl::StatusOr<MysqlAddress> ParseMysqlUrl(absl::string_view url);

absl::StatusOr<std::unique_ptr<Database>> OpenSqlite(absl::string_view path,
                                                     Options options);
absl::StatusOr<std::unique_ptr<Database>> OpenMysql(const MysqlAddress& address,
                                                    Options options);

}  // namespace unionhub::sql

#endif  // UNIONHUB_LIBS_SQL_BACKENDS_H_
