#include "libs/sql/pool.h"

#include <algorithm>
#include <chrono>
#include <random>
#include <thread>

#include "libs/base/errors.h"
#include "libs/base/status_macros.h"

namespace unionhub::sql {
namespace {

// Enough for a burst of deadlocks among a handful of writers of one row.
constexpr int kMaxAttempts = 12;

// Waits a little longer after each failed attempt, with jitter, so that the
// losers of a deadlock do not collide again at once.
void Backoff(int attempt) {
  thread_local std::minstd_rand rng(std::random_device{}());
  int max_ms = std::min(2 << attempt, 100);
  std::this_thread::sleep_for(std::chrono::milliseconds(
      std::uniform_int_distribution<int>(1, max_ms)(rng)));
}

// A failure worth running the whole transaction again for: the server never saw
// a COMMIT, so nothing of this attempt was kept.
bool Retryable(const absl::Status& s) {
  return IsStorageError(s) && (s.code() == absl::StatusCode::kUnavailable ||
                               s.code() == absl::StatusCode::kAborted);
}

}  // namespace

absl::Status LostConnection(absl::string_view detail) {
  return MarkStorageError(absl::UnavailableError(detail));
}
absl::Status LockConflict(absl::string_view detail) {
  return MarkStorageError(absl::AbortedError(detail));
}
absl::Status DuplicateKey(absl::string_view detail) {
  return MarkStorageError(absl::AlreadyExistsError(detail));
}
absl::Status StorageFailure(absl::string_view detail) {
  return MarkStorageError(absl::InternalError(detail));
}

absl::StatusOr<std::unique_ptr<Connection>> PooledDatabase::Acquire() {
  std::unique_lock<std::mutex> lock(mu_);
  auto deadline = std::chrono::steady_clock::now() +
                  std::chrono::milliseconds(options_.acquire_timeout_ms);
  while (idle_.empty() && open_ >= options_.max_connections) {
    if (freed_.wait_until(lock, deadline) == std::cv_status::timeout &&
        idle_.empty() && open_ >= options_.max_connections) {
      return LostConnection("no free database connection");
    }
  }
  if (!idle_.empty()) {
    auto c = std::move(idle_.back());
    idle_.pop_back();
    return c;
  }
  ++open_;
  lock.unlock();
  auto connected = Connect();
  if (!connected.ok()) {
    lock.lock();
    --open_;
    freed_.notify_one();
  }
  return connected;
}

PoolStats PooledDatabase::pool_stats() {
  std::lock_guard<std::mutex> lock(mu_);
  return {open_, open_ - static_cast<int>(idle_.size()),
          options_.max_connections};
}

void PooledDatabase::Release(std::unique_ptr<Connection> connection) {
  std::lock_guard<std::mutex> lock(mu_);
  if (connection->broken()) {
    --open_;  // Dropped: the next Acquire connects afresh (and re-prepares).
  } else {
    idle_.push_back(std::move(connection));
  }
  freed_.notify_one();
}

absl::Status PooledDatabase::RunTransaction(
    TransactionKind kind, absl::FunctionRef<absl::Status(Session&)> fn) {
  absl::Status status;
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
    ASSIGN_OR_RETURN(std::unique_ptr<Connection> c, Acquire());
    const bool write = kind == TransactionKind::kWrite;
    bool commit_sent = false;
    status = c->Begin(kind);
    if (status.ok()) status = fn(*c);
    if (status.ok() && write) status = Fault(FaultPoint::kBeforeCommit);
    if (status.ok()) {
      commit_sent = true;
      status = write ? Fault(FaultPoint::kCommit) : absl::OkStatus();
      if (status.ok()) {
        status = c->Commit();
        // A deferred write failed before COMMIT: as if the work failed.
        if (!status.ok() && !c->commit_reached()) commit_sent = false;
        if (status.ok() && write) status = Fault(FaultPoint::kAfterCommit);
      } else {
        c->Rollback();  // the injected failure: the server never committed
      }
    } else if (!c->broken()) {
      c->Rollback();
    }
    Release(std::move(c));
    if (status.ok() || commit_sent || !Retryable(status)) return status;
    Backoff(attempt);
  }
  return status;
}

void PooledDatabase::SetFaultHook(FaultHook hook) {
  std::lock_guard<std::mutex> lock(mu_);
  fault_hook_ =
      hook ? std::make_shared<const FaultHook>(std::move(hook)) : nullptr;
}

absl::Status PooledDatabase::Fault(FaultPoint point) {
  std::shared_ptr<const FaultHook> hook;
  {
    std::lock_guard<std::mutex> lock(mu_);
    hook = fault_hook_;
  }
  return hook ? (*hook)(point) : absl::OkStatus();
}

absl::Status PooledDatabase::Write(
    absl::FunctionRef<absl::Status(Session&)> fn) {
  return RunTransaction(TransactionKind::kWrite, fn);
}

absl::Status PooledDatabase::Read(
    absl::FunctionRef<absl::Status(Session&)> fn) {
  return RunTransaction(TransactionKind::kRead, fn);
}

absl::Status PooledDatabase::Exclusive(
    absl::string_view name, absl::FunctionRef<absl::Status(Session&)> fn) {
  ASSIGN_OR_RETURN(std::unique_ptr<Connection> c, Acquire());
  absl::Status status = c->Lock(name);
  if (status.ok()) {
    status = fn(*c);
    c->Unlock(name, status.ok());
  }
  Release(std::move(c));
  return status;
}

absl::Status PooledDatabase::Ping() {
  // Twice, so that one stale pooled connection does not report the database
  // down.
  absl::Status status;
  for (int attempt = 0; attempt < 2; ++attempt) {
    ASSIGN_OR_RETURN(std::unique_ptr<Connection> c, Acquire());
    status = c->Ping();
    Release(std::move(c));
    if (status.ok()) return status;
  }
  return status;
}

}  // namespace unionhub::sql
