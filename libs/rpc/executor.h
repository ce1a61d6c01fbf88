// Where handlers do their work. gRPC's callback threads only read requests and
// hand each call here; storage work runs on a fixed set of workers (as many as
// the database has connections, so none waits for one) behind a bounded queue.
// A call that finds the queue full is refused at once (RESOURCE_EXHAUSTED),
// so a burst makes callers retry rather than stall the server, and a slow
// database can never take the threads gRPC needs to read and cancel calls.
// Waiting calls run earliest deadline first: a flood of long calls cannot hold
// a short one past its deadline, and calls already out of time come up at
// once to be answered without running.
#ifndef UNIONHUB_LIBS_RPC_EXECUTOR_H_
#define UNIONHUB_LIBS_RPC_EXECUTOR_H_

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "absl/time/time.h"

namespace unionhub::rpc {

struct ExecutorOptions {
  int workers = 8;
  int max_queued = 512;  // Calls waiting for a worker.
};

class Executor final {
 public:
  explicit Executor(ExecutorOptions options);
  // Runs what is queued, then joins the workers.
  ~Executor();
  Executor(const Executor&) = delete;
  Executor& operator=(const Executor&) = delete;

  // Queues `work` to run by `deadline`, or returns false (and drops it) when
  // the queue is full.
  bool TrySchedule(std::function<void()> work,
                   absl::Time deadline = absl::InfiniteFuture());

  const ExecutorOptions& options() const { return options_; }
  int queued() const;
  int running() const;

 private:
  void Work();

  const ExecutorOptions options_;
  mutable std::mutex mu_;
  std::condition_variable ready_;
  struct Job {
    absl::Time deadline;
    uint64_t order;  // Among equal deadlines, first come first served.
    std::function<void()> work;
  };
  static bool RunsLater(const Job& a, const Job& b);
  // A heap whose top is the earliest deadline. Guarded by mu_.
  std::vector<Job> queue_;
  uint64_t next_order_ = 0;  // guarded by mu_
  int running_ = 0;          // guarded by mu_
  bool stopping_ = false;    // guarded by mu_
  std::vector<std::thread> workers_;
};

}  // namespace unionhub::rpc

#endif  // UNIONHUB_LIBS_RPC_EXECUTOR_H_
