#include "libs/sql/database.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "libs/base/clock.h"
#include "libs/base/status_macros.h"
#include "libs/sql/backends.h"

namespace unionhub::sql {
namespace {

absl::StatusOr<std::string> PercentDecode(absl::string_view in) {
  std::string out;
  for (size_t i = 0; i < in.size(); ++i) {
    if (in[i] != '%') {
      out.push_back(in[i]);
      continue;
    }
    int value;
    std::string hex(in.substr(i + 1, 2));
    if (hex.size() != 2 || !absl::SimpleHexAtoi(hex, &value)) {
      return absl::InvalidArgumentError("database URL: bad %-escape");
    }
    out.push_back(static_cast<char>(value));
    i += 2;
  }
  return out;
}

}  // namespace

void BindDeferred(Statement& statement,
                  const std::vector<DeferredValue>& values) {
  int index = 0;
  for (const DeferredValue& v : values) {
    ++index;
    switch (v.kind) {
      case DeferredValue::Kind::kNull:
        statement.BindNull(index);
        break;
      case DeferredValue::Kind::kInt:
        statement.BindInt(index, v.integer);
        break;
      case DeferredValue::Kind::kText:
        statement.BindText(index, v.bytes);
        break;
      case DeferredValue::Kind::kBlob:
        statement.BindBlob(index, v.bytes);
        break;
    }
  }
}

absl::StatusOr<absl::CivilDay> Statement::Date(int column) {
  std::string text = Text(column);
  absl::StatusOr<absl::CivilDay> day = ParseDate("stored date", text);
  if (!day.ok())
    return absl::InternalError(absl::StrCat("bad stored date: ", text));
  return day;
}

absl::StatusOr<std::optional<absl::CivilDay>> Statement::OptionalDate(
    int column) {
  if (IsNull(column)) return std::nullopt;
  ASSIGN_OR_RETURN(absl::CivilDay day, Date(column));
  return day;
}

absl::StatusOr<absl::Time> Statement::Timestamp(int column) {
  return ParseTimestamp(Text(column));
}

absl::StatusOr<MysqlAddress> ParseMysqlUrl(absl::string_view url) {
  absl::string_view rest = url;
  if (!absl::ConsumePrefix(&rest, "mysql://")) {
    return absl::InvalidArgumentError("database URL must start with mysql://");
  }
  size_t at = rest.rfind('@');
  size_t slash = rest.find('/', at == absl::string_view::npos ? 0 : at);
  if (at == absl::string_view::npos || slash == absl::string_view::npos) {
    return absl::InvalidArgumentError(
        "database URL must look like mysql://USER:PASS@HOST:PORT/DB");
  }
  MysqlAddress a;
  absl::string_view credentials = rest.substr(0, at);
  size_t colon = credentials.find(':');
  ASSIGN_OR_RETURN(a.user, PercentDecode(credentials.substr(0, colon)));
  if (colon != absl::string_view::npos) {
    ASSIGN_OR_RETURN(a.password, PercentDecode(credentials.substr(colon + 1)));
  }
  absl::string_view host_port = rest.substr(at + 1, slash - at - 1);
  size_t port_colon = host_port.rfind(':');
  a.host = std::string(host_port.substr(0, port_colon));
  if (port_colon != absl::string_view::npos &&
      !absl::SimpleAtoi(host_port.substr(port_colon + 1), &a.port)) {
    return absl::InvalidArgumentError("database URL has a bad port");
  }
  a.database = std::string(rest.substr(slash + 1));
  if (a.user.empty() || a.host.empty() || a.database.empty()) {
    return absl::InvalidArgumentError(
        "database URL needs a user, a host and a database");
  }
  for (char c : a.database) {
    if (!(absl::ascii_isalnum(c) || c == '_')) {
      return absl::InvalidArgumentError(
          "database name may hold only [A-Za-z0-9_]");
    }
  }
  return a;
}

absl::StatusOr<std::unique_ptr<Database>> Database::Open(absl::string_view url,
                                                         Options options) {
  absl::string_view path = url;
  if (absl::ConsumePrefix(&path, "sqlite://")) return OpenSqlite(path, options);
  if (absl::StartsWith(url, "mysql://")) {
    ASSIGN_OR_RETURN(MysqlAddress address, ParseMysqlUrl(url));
    return OpenMysql(address, options);
  }
  return absl::InvalidArgumentError(
      "database URL must start with sqlite:// or mysql://");
}

}  // namespace unionhub::sql
