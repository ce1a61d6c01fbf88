// The part both backends share: a pool of connections and the transaction loop
// with its retry rules. Backends only supply connections.
#ifndef UNIONHUB_LIBS_SQL_POOL_H_
#define UNIONHUB_LIBS_SQL_POOL_H_

#include <condition_variable>
#include <memory>
#include <mutex>
#include <vector>

#include "libs/sql/database.h"

namespace unionhub::sql {

enum class TransactionKind { kWrite, kRead };

class Connection : public Session {
 public:
  virtual absl::Status Begin(TransactionKind kind) = 0;
  virtual absl::Status Commit() = 0;
  // Best effort; a failure marks the connection broken.
  virtual void Rollback() = 0;
  // Database-wide advisory lock held by this connection (see
  // Database::Exclusive). Unlock is told whether the work under the lock
  // succeeded: SQLite's lock is a transaction, committed or rolled back
  // accordingly.
  virtual absl::Status Lock(absl::string_view name) = 0;
  virtual void Unlock(absl::string_view name, bool success) = 0;
  virtual absl::Status Ping() = 0;
  // True once the link to the server is lost: the pool drops the connection.
  bool broken() const { return broken_; }
  // After a Commit that failed: false when it failed before COMMIT reached
  // the server (a deferred write failed), so nothing was kept and the
  // transaction may run again; the connection has rolled back.
  bool commit_reached() const { return commit_reached_; }

 protected:
  bool broken_ = false;
  bool commit_reached_ = true;
};

class PooledDatabase : public Database {
 public:
  PooledDatabase(Backend backend, Options options)
      : backend_(backend), options_(options) {}

  using Database::Read;
  using Database::Write;
  absl::Status Write(absl::FunctionRef<absl::Status(Session&)> fn) override;
  absl::Status Read(absl::FunctionRef<absl::Status(Session&)> fn) override;
  absl::Status Exclusive(absl::string_view name,
                         absl::FunctionRef<absl::Status(Session&)> fn) override;
  absl::Status Ping() override;
  Backend backend() const override { return backend_; }
  PoolStats pool_stats() override;
  void SetFaultHook(FaultHook hook) override;

 protected:
  virtual absl::StatusOr<std::unique_ptr<Connection>> Connect() = 0;

 private:
  absl::Status RunTransaction(TransactionKind kind,
                              absl::FunctionRef<absl::Status(Session&)> fn);
  absl::StatusOr<std::unique_ptr<Connection>> Acquire();
  absl::Status Fault(FaultPoint point);
  void Release(std::unique_ptr<Connection> connection);

  const Backend backend_;
  const Options options_;
  std::mutex mu_;
  std::condition_variable freed_;
  std::vector<std::unique_ptr<Connection>> idle_;
  int open_ = 0;  // Connections handed out or idle.
  std::shared_ptr<const FaultHook> fault_hook_;  // guarded by mu_
};

// Status helpers for backends.
absl::Status LostConnection(absl::string_view detail);  // UNAVAILABLE, storage
absl::Status LockConflict(absl::string_view detail);    // ABORTED, storage
absl::Status DuplicateKey(absl::string_view detail);  // ALREADY_EXISTS, storage
absl::Status StorageFailure(absl::string_view detail);  // INTERNAL, storage

}  // namespace unionhub::sql

#endif  // UNIONHUB_LIBS_SQL_POOL_H_
