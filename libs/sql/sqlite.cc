// The SQLite backend: the embedded default. WAL lets readers run beside the one
// writer; write transactions start with BEGIN IMMEDIATE so that two writers
// queue on busy_timeout instead of failing half-way with SQLITE_BUSY.
#include <sqlite3.h>

#include <map>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "libs/base/status_macros.h"
#include "libs/sql/backends.h"
#include "libs/sql/pool.h"

namespace unionhub::sql {
namespace {

constexpr int kBusyTimeoutMs = 10000;

absl::Status SqliteError(sqlite3* db, int rc, absl::string_view what) {
  std::string detail = absl::StrCat("sqlite ", what, ": ", sqlite3_errmsg(db));
  switch (rc & 0xFF) {
    case SQLITE_CONSTRAINT:
      if (rc == SQLITE_CONSTRAINT_UNIQUE ||
          rc == SQLITE_CONSTRAINT_PRIMARYKEY) {
        return DuplicateKey(detail);
      }
      return StorageFailure(detail);
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return LockConflict(detail);
    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
    case SQLITE_FULL:
      return LostConnection(detail);
    default:
      return StorageFailure(detail);
  }
}

class SqliteStatement final : public Statement {
 public:
  SqliteStatement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  ~SqliteStatement() override { sqlite3_finalize(stmt_); }

  void Reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  void BindNull(int i) override { sqlite3_bind_null(stmt_, i); }
  void BindInt(int i, int64_t v) override { sqlite3_bind_int64(stmt_, i, v); }
  void BindText(int i, absl::string_view v) override {
    sqlite3_bind_text64(stmt_, i, v.data(), v.size(), SQLITE_TRANSIENT,
                        SQLITE_UTF8);
  }
  void BindBlob(int i, absl::string_view v) override {
    sqlite3_bind_blob64(stmt_, i, v.data(), v.size(), SQLITE_TRANSIENT);
  }

  absl::StatusOr<bool> Step() override {
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    return SqliteError(db_, sqlite3_extended_errcode(db_), "step");
  }
  absl::StatusOr<int64_t> Execute() override {
    ASSIGN_OR_RETURN(bool row, Step());
    (void)row;
    return sqlite3_changes(db_);
  }
  bool IsNull(int c) override {
    return sqlite3_column_type(stmt_, c) == SQLITE_NULL;
  }
  int64_t Int(int c) override { return sqlite3_column_int64(stmt_, c); }
  std::string Text(int c) override {
    const void* p = sqlite3_column_blob(stmt_, c);
    int n = sqlite3_column_bytes(stmt_, c);
    return p ? std::string(static_cast<const char*>(p), n) : std::string();
  }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_;
};

class SqliteConnection final : public Connection {
 public:
  explicit SqliteConnection(sqlite3* db) : db_(db) {}
  ~SqliteConnection() override {
    statements_.clear();
    sqlite3_close_v2(db_);
  }

  absl::StatusOr<Statement*> Prepare(absl::string_view sql) override {
    auto it = statements_.find(sql);
    if (it == statements_.end()) {
      sqlite3_stmt* stmt = nullptr;
      int rc = sqlite3_prepare_v3(db_, sql.data(), sql.size(),
                                  SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
      if (rc != SQLITE_OK) return SqliteError(db_, rc, "prepare");
      it = statements_
               .emplace(std::string(sql),
                        std::make_unique<SqliteStatement>(db_, stmt))
               .first;
    }
    it->second->Reset();
    used_.push_back(it->second.get());
    return it->second.get();
  }

  absl::Status DeferWrite(absl::string_view sql,
                          std::vector<DeferredValue> values) override {
    deferred_.emplace_back(std::string(sql), std::move(values));
    return absl::OkStatus();
  }

  absl::Status ExecuteScript(absl::string_view script) override {
    char* err = nullptr;
    int rc =
        sqlite3_exec(db_, std::string(script).c_str(), nullptr, nullptr, &err);
    sqlite3_free(err);
    if (rc != SQLITE_OK) return SqliteError(db_, rc, "script");
    return absl::OkStatus();
  }
  Backend backend() const override { return Backend::kSqlite; }

  absl::Status Begin(TransactionKind kind) override {
    return ExecuteScript(kind == TransactionKind::kWrite ? "BEGIN IMMEDIATE"
                                                         : "BEGIN");
  }
  absl::Status Commit() override {
    commit_reached_ = false;
    auto deferred = std::move(deferred_);
    deferred_.clear();
    for (const auto& [sql, values] : deferred) {
      absl::Status s = RunDeferred(sql, values);
      if (!s.ok()) {
        Rollback();
        return s;
      }
    }
    commit_reached_ = true;
    ResetUsed();
    absl::Status s = ExecuteScript("COMMIT");
    if (!s.ok() && !sqlite3_get_autocommit(db_)) Rollback();
    return s;
  }
  void Rollback() override {
    deferred_.clear();
    ResetUsed();
    if (!sqlite3_get_autocommit(db_) && !ExecuteScript("ROLLBACK").ok()) {
      broken_ = true;
    }
  }
  // The one writer lock SQLite has: an immediate transaction (DDL is
  // transactional).
  absl::Status Lock(absl::string_view) override {
    return Begin(TransactionKind::kWrite);
  }
  void Unlock(absl::string_view, bool success) override {
    if (!success || !Commit().ok()) Rollback();
  }
  absl::Status Ping() override { return ExecuteScript("SELECT 1"); }

 private:
  absl::Status RunDeferred(const std::string& sql,
                           const std::vector<DeferredValue>& values) {
    absl::StatusOr<Statement*> st = Prepare(sql);
    if (!st.ok()) return st.status();
    BindDeferred(**st, values);
    return (*st)->Execute().status();
  }

  // Writes to run at commit (Session::Defer), in order.
  std::vector<std::pair<std::string, std::vector<DeferredValue>>> deferred_;

  // A statement left mid-result keeps its read snapshot open past COMMIT: reset
  // them.
  void ResetUsed() {
    for (SqliteStatement* st : used_) st->Reset();
    used_.clear();
  }

  sqlite3* db_;
  std::vector<SqliteStatement*> used_;
  // Keyed by SQL text; looked up on every Prepare.
  absl::flat_hash_map<std::string, std::unique_ptr<SqliteStatement>>
      statements_;
};

class SqliteDatabase final : public PooledDatabase {
 public:
  SqliteDatabase(std::string path, Options options)
      : PooledDatabase(Backend::kSqlite, options), path_(std::move(path)) {}

 protected:
  absl::StatusOr<std::unique_ptr<Connection>> Connect() override {
    sqlite3* db = nullptr;
    int rc = sqlite3_open_v2(
        path_.c_str(), &db,
        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
        nullptr);
    if (rc != SQLITE_OK) {
      absl::Status s = SqliteError(db, rc, "open");
      sqlite3_close_v2(db);
      return LostConnection(s.message());
    }
    auto c = std::make_unique<SqliteConnection>(db);
    sqlite3_busy_timeout(db, kBusyTimeoutMs);
    // WAL: readers beside the writer. synchronous=NORMAL: durable at
    // checkpoints, the usual WAL setting. temp_store=MEMORY: statement journals
    // stay off disk. A 32 MiB page cache (the default is 2 MiB) keeps a large
    // import from spilling to the WAL page by page while staying well inside
    // the memory budget.
    RETURN_IF_ERROR(c->ExecuteScript(
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA "
        "foreign_keys=ON; "
        "PRAGMA temp_store=MEMORY; PRAGMA cache_size=-32768;"));
    return std::unique_ptr<Connection>(std::move(c));
  }

 private:
  std::string path_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<Database>> OpenSqlite(absl::string_view path,
                                                     Options options) {
  if (path.empty()) return absl::InvalidArgumentError("sqlite URL has no path");
  auto db = std::make_unique<SqliteDatabase>(std::string(path), options);
  RETURN_IF_ERROR(
      db->Ping());  // Creates the file and sets WAL now, not on first use.
  return std::unique_ptr<Database>(std::move(db));
}

}  // namespace unionhub::sql
