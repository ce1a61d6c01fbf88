#include "libs/rpc/executor.h"

#include <algorithm>

namespace unionhub::rpc {

Executor::Executor(ExecutorOptions options) : options_(options) {
  int workers = std::max(1, options_.workers);
  workers_.reserve(workers);
  for (int i = 0; i < workers; ++i) workers_.emplace_back([this] { Work(); });
}

Executor::~Executor() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  ready_.notify_all();
  for (std::thread& worker : workers_) worker.join();
}

// Heap order: the job with the earliest deadline (then the oldest) on top.
bool Executor::RunsLater(const Job& a, const Job& b) {
  return a.deadline != b.deadline ? a.deadline > b.deadline : a.order > b.order;
}

bool Executor::TrySchedule(std::function<void()> work, absl::Time deadline) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (static_cast<int>(queue_.size()) >= options_.max_queued) return false;
    queue_.push_back({deadline, next_order_++, std::move(work)});
    std::push_heap(queue_.begin(), queue_.end(), RunsLater);
  }
  ready_.notify_one();
  return true;
}

int Executor::queued() const {
  std::lock_guard<std::mutex> lock(mu_);
  return static_cast<int>(queue_.size());
}

int Executor::running() const {
  std::lock_guard<std::mutex> lock(mu_);
  return running_;
}

void Executor::Work() {
  std::unique_lock<std::mutex> lock(mu_);
  for (;;) {
    ready_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
    if (queue_.empty()) return;  // Stopping, and nothing left to run.
    std::pop_heap(queue_.begin(), queue_.end(), RunsLater);
    std::function<void()> work = std::move(queue_.back().work);
    queue_.pop_back();
    ++running_;
    lock.unlock();
    work();
    work = nullptr;  // What it captured goes before the lock is taken again.
    lock.lock();
    --running_;
  }
}

}  // namespace unionhub::rpc
