// The SQL layer every service stores through: prepare, bind, step, transaction.
//
// Two backends sit behind it, picked by URL: SQLite (`sqlite://PATH`, the
// embedded default) and MySQL/MariaDB through Connector/C++
// (`mysql://USER:PASS@HOST:PORT/DB`). SQL is written once in the common subset
// of both: `?` placeholders, no backend-specific upserts. Errors come back as
// absl::Status marked as storage errors (see libs/base/errors.h): unique-key
// violations as ALREADY_EXISTS, lost connections as UNAVAILABLE, lock conflicts
// as ABORTED, everything else INTERNAL.
#ifndef UNIONHUB_LIBS_SQL_DATABASE_H_
#define UNIONHUB_LIBS_SQL_DATABASE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"

namespace unionhub::sql {

enum class Backend { kSqlite, kMysql };

// Binary data, bound as a BLOB (ciphertext, serialized protos).
struct Blob {
  absl::string_view bytes;
};
struct Null {};

// A parameter of a deferred write (Session::Defer), kept until commit.
struct DeferredValue {
  enum class Kind { kNull, kInt, kText, kBlob };
  Kind kind = Kind::kNull;
  int64_t integer = 0;
  std::string bytes;  // kText and kBlob.
};

// A prepared statement, owned and cached by its connection. Parameters are
// numbered from 1, result columns from 0.
class Statement {
 public:
  virtual ~Statement() = default;
  virtual void BindNull(int index) = 0;
  virtual void BindInt(int index, int64_t value) = 0;
  virtual void BindText(int index, absl::string_view value) = 0;
  virtual void BindBlob(int index, absl::string_view value) = 0;

  // Runs the statement on the first call; moves to the next row. False after
  // the last.
  virtual absl::StatusOr<bool> Step() = 0;
  // Runs a statement that returns no rows; returns the number of rows it
  // changed.
  virtual absl::StatusOr<int64_t> Execute() = 0;

  virtual bool IsNull(int column) = 0;
  virtual int64_t Int(int column) = 0;
  virtual std::string Text(int column) = 0;  // Also for BLOB columns.

  // Columns in the project's storage forms: dates as YYYY-MM-DD, times as RFC
  // 3339 UTC (libs/base/clock.h). A malformed stored value is INTERNAL.
  absl::StatusOr<absl::CivilDay> Date(int column);
  absl::StatusOr<std::optional<absl::CivilDay>> OptionalDate(
      int column);  // NULL: none.
  absl::StatusOr<absl::Time> Timestamp(int column);

  // Binds all parameters in order: integers, strings, Blob, Null,
  // std::optional.
  template <typename... Args>
  Statement& Bind(const Args&... args) {
    int index = 0;
    (BindOne(++index, args), ...);
    return *this;
  }

 private:
  void BindOne(int i, int64_t v) { BindInt(i, v); }
  void BindOne(int i, int v) { BindInt(i, v); }
  void BindOne(int i, bool v) { BindInt(i, v ? 1 : 0); }
  void BindOne(int i, absl::string_view v) { BindText(i, v); }
  void BindOne(int i, const std::string& v) { BindText(i, v); }
  void BindOne(int i, const char* v) { BindText(i, v); }
  void BindOne(int i, Blob v) { BindBlob(i, v.bytes); }
  void BindOne(int i, Null) { BindNull(i); }
  template <typename T>
  void BindOne(int i, const std::optional<T>& v) {
    if (v) {
      BindOne(i, *v);
    } else {
      BindNull(i);
    }
  }
};

// One connection, inside a transaction opened by Database::Write or
// Database::Read.
class Session {
 public:
  virtual ~Session() = default;
  // A cached prepared statement, reset and unbound. It stays valid until the
  // same SQL is prepared again on this session, so do not nest two uses of one
  // SQL text.
  virtual absl::StatusOr<Statement*> Prepare(absl::string_view sql) = 0;
  // Runs `;`-separated statements without parameters (migrations, DDL).
  virtual absl::Status ExecuteScript(absl::string_view script) = 0;
  virtual Backend backend() const = 0;

  // Prepare + Bind + Execute in one call.
  template <typename... Args>
  absl::StatusOr<int64_t> Execute(absl::string_view sql, const Args&... args) {
    absl::StatusOr<Statement*> st = Prepare(sql);
    if (!st.ok()) return st.status();
    return (*st)->Bind(args...).Execute();
  }
  // Prepare + Bind, ready to Step through rows.
  template <typename... Args>
  absl::StatusOr<Statement*> Query(absl::string_view sql, const Args&... args) {
    absl::StatusOr<Statement*> st = Prepare(sql);
    if (!st.ok()) return st.status();
    (*st)->Bind(args...);
    return st;
  }

  // A write that nothing in this transaction reads back and whose count of
  // changed rows nobody needs (an audit record, an outbox event, a step of a
  // history, an idempotency answer), run at commit: in order, before COMMIT.
  // On MySQL the deferred writes travel with COMMIT in one round trip; the
  // first that fails (with the error Execute would give) fails the commit
  // and nothing of the transaction stays. SQLite runs them at commit too, so
  // code that read a deferred write back fails its tests on both backends.
  template <typename... Args>
  absl::Status Defer(absl::string_view sql, const Args&... args) {
    std::vector<DeferredValue> values;
    values.reserve(sizeof...(args));
    (AddDeferred(values, args), ...);
    return DeferWrite(sql, std::move(values));
  }

 protected:
  virtual absl::Status DeferWrite(absl::string_view sql,
                                  std::vector<DeferredValue> values) = 0;

 private:
  using Kind = DeferredValue::Kind;
  static void AddDeferred(std::vector<DeferredValue>& v, int64_t x) {
    v.push_back({Kind::kInt, x, {}});
  }
  static void AddDeferred(std::vector<DeferredValue>& v, int x) {
    AddDeferred(v, int64_t{x});
  }
  static void AddDeferred(std::vector<DeferredValue>& v, bool x) {
    AddDeferred(v, int64_t{x ? 1 : 0});
  }
  static void AddDeferred(std::vector<DeferredValue>& v, absl::string_view x) {
    v.push_back({Kind::kText, 0, std::string(x)});
  }
  static void AddDeferred(std::vector<DeferredValue>& v, const std::string& x) {
    AddDeferred(v, absl::string_view(x));
  }
  static void AddDeferred(std::vector<DeferredValue>& v, const char* x) {
    AddDeferred(v, absl::string_view(x));
  }
  static void AddDeferred(std::vector<DeferredValue>& v, Blob x) {
    v.push_back({Kind::kBlob, 0, std::string(x.bytes)});
  }
  static void AddDeferred(std::vector<DeferredValue>& v, Null) {
    v.push_back({});
  }
  template <typename T>
  static void AddDeferred(std::vector<DeferredValue>& v,
                          const std::optional<T>& x) {
    if (x) {
      AddDeferred(v, *x);
    } else {
      v.push_back({});
    }
  }
};

// Binds a deferred write's values to the statement it becomes.
void BindDeferred(Statement& statement,
                  const std::vector<DeferredValue>& values);

// The next row as a T made by `read(statement)`, or nullopt when there is
// none (a lookup by key).
template <typename Read, typename T = typename std::invoke_result_t<
                             Read&, Statement&>::value_type>
absl::StatusOr<std::optional<T>> ReadOne(Statement& statement, Read read) {
  absl::StatusOr<bool> row = statement.Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::nullopt;
  absl::StatusOr<T> value = read(statement);
  if (!value.ok()) return value.status();
  return *std::move(value);
}

// What a lookup by key found, for a row that must exist (one an idempotency
// key or another row points at): INTERNAL with `missing` when it does not.
template <typename T>
absl::StatusOr<T> MustExist(absl::StatusOr<std::optional<T>> found,
                            absl::string_view missing) {
  if (!found.ok()) return found.status();
  if (!found->has_value()) return absl::InternalError(missing);
  return **std::move(found);
}

// Steps through every remaining row, turning each into a T with
// `read(statement)`.
template <typename T, typename Read>
absl::StatusOr<std::vector<T>> ReadRows(Statement& statement, Read read) {
  std::vector<T> out;
  while (true) {
    absl::StatusOr<bool> row = statement.Step();
    if (!row.ok()) return row.status();
    if (!*row) return out;
    absl::StatusOr<T> value = read(statement);
    if (!value.ok()) return value.status();
    out.push_back(*std::move(value));
  }
}

struct Options {
  // Connections kept open at most (each backend opens them lazily).
  int max_connections = 8;
  // How long a transaction waits for a free connection before UNAVAILABLE.
  int acquire_timeout_ms = 5000;
};

// How the pool's connections are used now (for the metrics port).
struct PoolStats {
  int open = 0;    // Connected, in use or idle.
  int in_use = 0;  // Handed to a transaction.
  int max = 0;     // Options::max_connections.
};

// Where a test can make a write transaction fail (Database::SetFaultHook).
enum class FaultPoint {
  kBeforeCommit,  // the work succeeded; COMMIT not yet sent
  kCommit,        // instead of sending COMMIT: the server never commits
  kAfterCommit,   // COMMIT done; its answer is lost on the way back
};
// The error to meet at a point (OK: none). Made by sql::testing's helpers.
using FaultHook = std::function<absl::Status(FaultPoint)>;

template <typename T>
struct IsStatusOr : std::false_type {};
template <typename T>
struct IsStatusOr<absl::StatusOr<T>> : std::true_type {};

class Database {
 public:
  virtual ~Database() = default;

  // Opens `sqlite://PATH` or `mysql://USER:PASS@HOST:PORT/DB`. Nothing is
  // connected yet on MySQL: a server that is down shows up on first use and in
  // Ping().
  static absl::StatusOr<std::unique_ptr<Database>> Open(absl::string_view url,
                                                        Options options = {});

  // Runs `fn` in a write transaction (SQLite: BEGIN IMMEDIATE; MySQL:
  // SERIALIZABLE). Commits when it returns OK, rolls back otherwise. If the
  // connection is lost or the transaction is chosen as a deadlock victim before
  // COMMIT was sent, `fn` runs again on a fresh connection, so it must have no
  // effects outside the session. A connection lost during COMMIT is reported as
  // UNAVAILABLE, never retried.
  virtual absl::Status Write(absl::FunctionRef<absl::Status(Session&)> fn) = 0;
  // Runs `fn` on a consistent read snapshot.
  virtual absl::Status Read(absl::FunctionRef<absl::Status(Session&)> fn) = 0;

  // The same for `fn` that makes something: Session& -> absl::StatusOr<T>.
  // What comes back is what the attempt that committed returned, so an attempt
  // run again after a deadlock or a lost connection starts from nothing: keep
  // what the transaction finds or makes in its result, not in variables
  // outside it.
  template <typename Fn, typename Result = std::invoke_result_t<Fn&, Session&>,
            typename = std::enable_if_t<IsStatusOr<Result>::value>>
  Result Write(Fn&& fn) {
    return Returning<Result>(fn, /*write=*/true);
  }
  template <typename Fn, typename Result = std::invoke_result_t<Fn&, Session&>,
            typename = std::enable_if_t<IsStatusOr<Result>::value>>
  Result Read(Fn&& fn) {
    return Returning<Result>(fn, /*write=*/false);
  }
  // Runs `fn` on one connection while holding a database-wide advisory lock
  // `name`, outside any transaction that would hide DDL (migrations use it).
  virtual absl::Status Exclusive(
      absl::string_view name, absl::FunctionRef<absl::Status(Session&)> fn) = 0;
  // OK when the database answers.
  virtual absl::Status Ping() = 0;
  virtual Backend backend() const = 0;
  virtual PoolStats pool_stats() = 0;

  // Tests only (see sql::testing): `hook` is asked at each FaultPoint of every
  // write transaction from now on; an error it returns happens there, as a
  // real deadlock or lost connection would. Empty to stop.
  virtual void SetFaultHook(FaultHook hook) = 0;

 private:
  template <typename Result, typename Fn>
  Result Returning(Fn& fn, bool write) {
    std::optional<typename Result::value_type> made;
    auto attempt = [&](Session& s) -> absl::Status {
      made.reset();
      Result result = fn(s);
      if (!result.ok()) return result.status();
      made.emplace(*std::move(result));
      return absl::OkStatus();
    };
    absl::FunctionRef<absl::Status(Session&)> run(attempt);
    absl::Status status = write ? Write(run) : Read(run);
    if (!status.ok()) return status;
    return *std::move(made);
  }
};

}  // namespace unionhub::sql

#endif  // UNIONHUB_LIBS_SQL_DATABASE_H_
