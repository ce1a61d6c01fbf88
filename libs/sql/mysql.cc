// The MySQL/MariaDB backend over Connector/C++ 1.1.
//
// A Connector/C++ connection is not thread-safe, so each lives in the pool and
// serves one transaction at a time. Auto-reconnect is off: a connection that
// lost its server (errors 2006/2013) is marked broken and dropped, and the
// pool's transaction loop runs the transaction again on a fresh connection,
// which prepares its statements anew. Nothing is ever re-sent inside a
// transaction that the server may have half-applied.
#include <cppconn/driver.h>
#include <cppconn/exception.h>
#include <cppconn/parameter_metadata.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>
#include <cppconn/statement.h>
#include <mysql_driver.h>

#include <algorithm>
#include <map>
#include <mutex>
#include <random>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "libs/base/status_macros.h"
#include "libs/sql/backends.h"
#include "libs/sql/pool.h"

namespace unionhub::sql {
namespace {

bool IsLostConnection(int code) {
  switch (code) {
    case 2002:  // Can't connect through socket.
    case 2003:  // Can't connect to server.
    case 2006:  // Server has gone away.
    case 2013:  // Lost connection during query.
    case 2055:  // Lost connection at a system call.
    case 1927:  // MariaDB: connection was killed.
    case 4031:  // MySQL 8: disconnected for inactivity.
      return true;
    default:
      return false;
  }
}

// Maps a Connector/C++ exception; marks `broken` when the link is gone.
absl::Status MysqlError(const ::sql::SQLException& e, absl::string_view what,
                        bool* broken) {
  int code = e.getErrorCode();
  std::string detail = absl::StrCat("mysql ", what, ": ", code, " ", e.what());
  if (IsLostConnection(code) || code == 0) {
    // Code 0 comes from the connector itself (e.g. "connection closed").
    if (broken) *broken = true;
    return LostConnection(detail);
  }
  switch (code) {
    case 1062:  // Duplicate entry.
      return DuplicateKey(detail);
    case 1205:  // Lock wait timeout.
    case 1213:  // Deadlock.
      return LockConflict(detail);
    default:
      return StorageFailure(detail);
  }
}

class MysqlStatement final : public Statement {
 public:
  MysqlStatement(std::unique_ptr<::sql::PreparedStatement> ps, bool* broken)
      : ps_(std::move(ps)),
        broken_(broken),
        bound_(ps_->getParameterMetaData()->getParameterCount(), false) {}

  // Ready to be used again: its rows closed, every parameter to be bound anew.
  // The values bound last time stay in the driver until Release (clearing
  // them per use was a fifth of an import's CPU), so unbound_ stands in for
  // the driver's own "not all parameters set" check.
  void Reuse() {
    rows_.reset();
    std::fill(bound_.begin(), bound_.end(), false);
    unbound_ = bound_.size();
  }
  // At the end of a transaction: closes its rows and frees its bound values.
  void Release() {
    rows_.reset();
    ps_->clearParameters();
    in_use_ = false;
  }
  // True the first time it is called since the last Release.
  bool TakeForTransaction() { return !std::exchange(in_use_, true); }

  void BindNull(int i) override {
    Bound(i);
    ps_->setNull(i, ::sql::DataType::VARCHAR);
  }
  void BindInt(int i, int64_t v) override {
    Bound(i);
    ps_->setInt64(i, v);
  }
  void BindText(int i, absl::string_view v) override {
    Bound(i);
    ps_->setString(i, ::sql::SQLString(v.data(), v.size()));
  }
  // Strings are bound with their length, so bytes pass through unchanged.
  void BindBlob(int i, absl::string_view v) override { BindText(i, v); }

  absl::StatusOr<bool> Step() override {
    try {
      if (!rows_) {
        RETURN_IF_ERROR(CheckAllBound());
        rows_.reset(ps_->executeQuery());
      }
      return rows_->next();
    } catch (const ::sql::SQLException& e) {
      return MysqlError(e, "query", broken_);
    }
  }
  absl::StatusOr<int64_t> Execute() override {
    RETURN_IF_ERROR(CheckAllBound());
    try {
      return ps_->executeUpdate();
    } catch (const ::sql::SQLException& e) {
      return MysqlError(e, "execute", broken_);
    }
  }
  bool IsNull(int c) override { return rows_->isNull(c + 1); }
  int64_t Int(int c) override { return rows_->getInt64(c + 1); }
  std::string Text(int c) override {
    return rows_->getString(c + 1).asStdString();
  }

 private:
  void Bound(int i) {
    if (i >= 1 && static_cast<size_t>(i) <= bound_.size() && !bound_[i - 1]) {
      bound_[i - 1] = true;
      --unbound_;
    }
  }
  absl::Status CheckAllBound() const {
    if (unbound_ == 0) return absl::OkStatus();
    return absl::InternalError(absl::StrCat(
        "a statement was run with ", unbound_, " of its parameters unbound"));
  }

  std::unique_ptr<::sql::PreparedStatement> ps_;
  std::unique_ptr<::sql::ResultSet> rows_;
  bool* broken_;
  std::vector<bool> bound_;  // By parameter index - 1, since Reuse.
  size_t unbound_ = 0;
  bool in_use_ = false;  // In used_, to be released at the transaction's end.
};

// `sql` with each ? (outside quotes) replaced by its value as a literal:
// strings and bytes in hex, so no value can change the statement.
absl::StatusOr<std::string> Inline(absl::string_view sql,
                                   const std::vector<DeferredValue>& values) {
  std::string out;
  size_t next = 0;
  bool quoted = false;
  for (char ch : sql) {
    if (ch == '\'') quoted = !quoted;
    if (ch != '?' || quoted) {
      out += ch;
      continue;
    }
    if (next == values.size()) break;
    const DeferredValue& v = values[next++];
    switch (v.kind) {
      case DeferredValue::Kind::kNull:
        out += "NULL";
        break;
      case DeferredValue::Kind::kInt:
        absl::StrAppend(&out, v.integer);
        break;
      case DeferredValue::Kind::kText:
        absl::StrAppend(&out, "_utf8mb4 X'", absl::BytesToHexString(v.bytes),
                        "'");
        break;
      case DeferredValue::Kind::kBlob:
        absl::StrAppend(&out, "X'", absl::BytesToHexString(v.bytes), "'");
        break;
    }
  }
  const size_t marks = std::count(sql.begin(), sql.end(), '?');
  if (next != values.size() || marks < values.size()) {
    return absl::InternalError(absl::StrCat("a deferred write has ",
                                            values.size(), " values for ",
                                            marks, " parameters: ", sql));
  }
  return out;
}

class MysqlConnection final : public Connection {
 public:
  explicit MysqlConnection(std::unique_ptr<::sql::Connection> c)
      : c_(std::move(c)) {}
  ~MysqlConnection() override {
    statements_.clear();
    try {
      c_->close();
    } catch (const ::sql::SQLException&) {
      // Already gone.
    }
  }

  absl::StatusOr<Statement*> Prepare(absl::string_view sql) override {
    auto it = statements_.find(sql);
    if (it == statements_.end()) {
      try {
        std::unique_ptr<::sql::PreparedStatement> ps(
            c_->prepareStatement(::sql::SQLString(sql.data(), sql.size())));
        it = statements_
                 .emplace(std::string(sql), std::make_unique<MysqlStatement>(
                                                std::move(ps), &broken_))
                 .first;
      } catch (const ::sql::SQLException& e) {
        return MysqlError(e, "prepare", &broken_);
      }
    }
    MysqlStatement* st = it->second.get();
    st->Reuse();
    if (st->TakeForTransaction()) used_.push_back(st);
    return st;
  }

  // Comment lines go first: a ';' inside one must not split a statement.
  absl::Status ExecuteScript(absl::string_view script) override {
    std::string code;
    for (absl::string_view line : absl::StrSplit(script, '\n')) {
      if (!absl::StartsWith(absl::StripLeadingAsciiWhitespace(line), "--")) {
        absl::StrAppend(&code, line, "\n");
      }
    }
    for (absl::string_view part : absl::StrSplit(code, ';')) {
      part = absl::StripAsciiWhitespace(part);
      if (!part.empty()) RETURN_IF_ERROR(Run(part));
    }
    return absl::OkStatus();
  }
  Backend backend() const override { return Backend::kMysql; }

  // One round trip each.
  absl::Status Begin(TransactionKind kind) override {
    in_transaction_ = true;
    if (kind == TransactionKind::kWrite) {
      // Serializable writes behave like SQLite's single writer: a read inside
      // the transaction holds until commit, so check-then-write cannot race.
      return RunStatements(
                 "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE; START "
                 "TRANSACTION",
                 2)
          .status;
    }
    return RunStatements(
               "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ; "
               "START TRANSACTION READ ONLY",
               2)
        .status;
  }
  absl::Status DeferWrite(absl::string_view sql,
                          std::vector<DeferredValue> values) override {
    ASSIGN_OR_RETURN(std::string text, Inline(sql, values));
    // Outside a transaction (Database::Exclusive) there is no commit to wait
    // for.
    if (!in_transaction_) return RunStatements(text, 1).status;
    if (!batch_.empty()) batch_ += ";\n";
    batch_ += text;
    ++batched_;
    // Well inside the server's max_allowed_packet (16 MiB by default).
    if (batch_.size() > (1 << 20)) return RunBatch(/*commit=*/false);
    return absl::OkStatus();
  }
  absl::Status Commit() override {
    in_transaction_ = false;
    ResetUsed();
    if (batched_ > 0) return RunBatch(/*commit=*/true);
    commit_reached_ = true;
    return Run("COMMIT");
  }
  void Rollback() override {
    in_transaction_ = false;
    batch_.clear();
    batched_ = 0;
    ResetUsed();
    (void)Run("ROLLBACK");
  }

  absl::Status Lock(absl::string_view name) override {
    ASSIGN_OR_RETURN(Statement * st, Prepare("SELECT GET_LOCK(?, 120)"));
    ASSIGN_OR_RETURN(bool row, st->Bind(name).Step());
    if (!row || st->IsNull(0) || st->Int(0) != 1) {
      return LockConflict(absl::StrCat("could not take lock ", name));
    }
    return absl::OkStatus();
  }
  void Unlock(absl::string_view name, bool) override {
    auto st = Prepare("SELECT RELEASE_LOCK(?)");
    if (st.ok()) (void)(*st)->Bind(name).Step();
  }
  absl::Status Ping() override { return Run("SELECT 1"); }

 private:
  // Frees the result sets and bound values of this transaction's statements.
  void ResetUsed() {
    for (MysqlStatement* st : used_) st->Release();
    used_.clear();
  }

  struct Ran {
    absl::Status status;
    int done = 0;  // Statements that succeeded.
  };
  // `count` statements without results (`;`-separated `text`) in one round
  // trip. The server stops at the first that fails.
  Ran RunStatements(const std::string& text, int count) {
    Ran ran;
    try {
      std::unique_ptr<::sql::Statement> st(c_->createStatement());
      st->execute(::sql::SQLString(text));
      // The connector reports each further result as "no row set" whether
      // or not one follows, so it is asked exactly once per statement.
      for (ran.done = 1; ran.done < count; ++ran.done) st->getMoreResults();
    } catch (const ::sql::SQLException& e) {
      ran.status = MysqlError(e, "statement", &broken_);
    }
    return ran;
  }

  // The deferred writes, and COMMIT after them when `commit`.
  absl::Status RunBatch(bool commit) {
    std::string text = std::move(batch_);
    int count = batched_;
    batch_.clear();
    batched_ = 0;
    if (commit) {
      text += ";\nCOMMIT";
      ++count;
    }
    Ran ran = RunStatements(text, count);
    // Unknown once the link broke: COMMIT may have run.
    commit_reached_ =
        ran.status.ok() || broken_ || (commit && ran.done == count - 1);
    if (!commit_reached_) Rollback();
    return ran.status;
  }

  absl::Status Run(absl::string_view sql) {
    try {
      std::unique_ptr<::sql::Statement> st(c_->createStatement());
      // Results must be read to the end, or the connection is out of sync.
      if (st->execute(::sql::SQLString(sql.data(), sql.size()))) {
        std::unique_ptr<::sql::ResultSet> rows(st->getResultSet());
        while (rows->next()) {
        }
      }
      return absl::OkStatus();
    } catch (const ::sql::SQLException& e) {
      return MysqlError(e, "statement", &broken_);
    }
  }

  std::unique_ptr<::sql::Connection> c_;
  // Keyed by SQL text; looked up on every Prepare.
  absl::flat_hash_map<std::string, std::unique_ptr<MysqlStatement>> statements_;
  std::vector<MysqlStatement*> used_;
  // Deferred writes (Session::Defer) as literal SQL, sent with COMMIT.
  std::string batch_;
  int batched_ = 0;
  bool in_transaction_ = false;  // Between Begin and Commit or Rollback.
};

class MysqlDatabase final : public PooledDatabase {
 public:
  MysqlDatabase(MysqlAddress address, Options options)
      : PooledDatabase(Backend::kMysql, options),
        address_(std::move(address)) {}

  // Creates the database when it does not exist yet (first start of a fresh
  // install).
  absl::Status CreateDatabaseIfMissing() {
    ASSIGN_OR_RETURN(auto c, ConnectTo(""));
    return c->ExecuteScript(
        absl::StrCat("CREATE DATABASE IF NOT EXISTS `", address_.database,
                     "` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"));
  }

 protected:
  absl::StatusOr<std::unique_ptr<Connection>> Connect() override {
    return ConnectTo(address_.database);
  }

 private:
  absl::StatusOr<std::unique_ptr<Connection>> ConnectTo(
      const std::string& schema) {
    ::sql::ConnectOptionsMap o;
    o["hostName"] = address_.host;
    o["port"] = address_.port;
    o["userName"] = address_.user;
    o["password"] = address_.password;
    if (!schema.empty()) o["schema"] = schema;
    o["OPT_CHARSET_NAME"] = "utf8mb4";
    o["OPT_RECONNECT"] = false;
    o["OPT_CONNECT_TIMEOUT"] = 5;
    o["OPT_READ_TIMEOUT"] = 60;
    o["OPT_WRITE_TIMEOUT"] = 60;
    // Affected-row counts mean "rows matched", as in SQLite.
    o["CLIENT_FOUND_ROWS"] = true;
    // Deferred writes go with COMMIT in one round trip. Nothing else sends
    // text with more than one statement: all else is prepared statements,
    // and deferred values are inlined in hex.
    o["CLIENT_MULTI_STATEMENTS"] = true;
    try {
      std::lock_guard<std::mutex> lock(driver_mu_);  // The driver is shared.
      std::unique_ptr<::sql::Connection> c(
          ::sql::mysql::get_mysql_driver_instance()->connect(o));
      auto conn = std::make_unique<MysqlConnection>(std::move(c));
      RETURN_IF_ERROR(conn->ExecuteScript(
          "SET SESSION sql_mode = 'STRICT_ALL_TABLES,NO_ZERO_DATE,"
          "ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION'"));
      RETURN_IF_ERROR(conn->ExecuteScript("SET SESSION time_zone = '+00:00'"));
      return std::unique_ptr<Connection>(std::move(conn));
    } catch (const ::sql::SQLException& e) {
      bool broken = false;
      absl::Status s = MysqlError(e, "connect", &broken);
      // Every failure to connect means "not reachable now" to the caller.
      return LostConnection(s.message());
    }
  }

  MysqlAddress address_;
  std::mutex driver_mu_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<Database>> OpenMysql(const MysqlAddress& address,
                                                    Options options) {
  auto db = std::make_unique<MysqlDatabase>(address, options);
  // Best effort: a server that is down now is reported later by Ping and
  // health.
  (void)db->CreateDatabaseIfMissing();
  return std::unique_ptr<Database>(std::move(db));
}

}  // namespace unionhub::sql
