#include "services/reporting/feeds/follower.h"

#include "libs/base/status_macros.h"
#include "libs/rpc/log.h"
#include "services/reporting/read_model/read_model.h"

namespace unionhub::reporting {

FeedFollower::FeedFollower(sql::Database* db, std::vector<Feed> feeds,
                           FollowerOptions options, const Clock& clock)
    : db_(db),
      clock_(clock),
      options_(std::move(options)),
      lease_(db, options_.replica, options_.lease_ttl, clock) {
  for (const Feed& feed : feeds) {
    outbox::FeedConsumerOptions o;
    o.feed = feed.name;
    o.page_size = options_.page_size;
    o.caught_up_wait = options_.caught_up_wait;
    o.first_backoff = options_.first_backoff;
    o.max_backoff = options_.max_backoff;
    o.may_consume = [this] { return holding_.load(); };
    names_.push_back(feed.name);
    consumers_.push_back(outbox::FeedConsumer::ForPages(
        db, feed.source, ApplyEventsOn(clock), std::move(o), clock));
  }
}

FeedFollower::~FeedFollower() { Stop(); }

void FeedFollower::Start() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = false;
  }
  renewer_ = std::thread([this] { RenewLease(); });
  for (auto& c : consumers_) c->Start();
}

void FeedFollower::Stop() {
  {
    absl::MutexLock lock(&mu_);
    if (stopping_) return;
    stopping_ = true;
  }
  if (renewer_.joinable()) renewer_.join();
  for (auto& c : consumers_) c->Stop();
  if (holding_.exchange(false)) {
    absl::Status released = lease_.Release();
    if (!released.ok()) {
      rpc::LogEvent("warning", "consumer lease not released",
                    {{"error", released.ToString()}});
    }
  }
}

void FeedFollower::RenewLease() {
  while (true) {
    absl::StatusOr<bool> ours = lease_.TryAcquire();
    const bool now = ours.ok() && *ours;
    if (holding_.exchange(now) != now) {
      rpc::LogEvent("info", now ? "consuming the feeds" : "not consuming",
                    {{"replica", options_.replica},
                     {"error", ours.ok() ? "" : ours.status().ToString()}});
      dues_counted_on_.reset();
    }
    if (now) CountDuesOnANewDay();
    absl::MutexLock lock(&mu_);
    auto stopping = [this]()
                        ABSL_SHARED_LOCKS_REQUIRED(mu_) { return stopping_; };
    mu_.AwaitWithTimeout(absl::Condition(&stopping), options_.renew_every);
    if (stopping_) return;
  }
}

void FeedFollower::CountDuesOnANewDay() {
  const absl::CivilDay today = clock_.Today();
  if (dues_counted_on_ == today) return;
  absl::StatusOr<int> counted = CountDuesOn(today);
  if (!counted.ok()) {
    rpc::LogEvent("warning", "disclosure dues not counted",
                  {{"error", counted.status().ToString()}});
    return;
  }
  dues_counted_on_ = today;
}

absl::StatusOr<int> FeedFollower::CountDuesOn(absl::CivilDay today) {
  return db_->Write(
      [&](sql::Session& s) { return CountDuesThrough(s, today); });
}

absl::StatusOr<int64_t> FeedFollower::CatchUp() {
  int64_t applied = 0;
  for (auto& c : consumers_) {
    while (true) {
      ASSIGN_OR_RETURN(int page, c->PollOnce());
      applied += page;
      if (page == 0 && c->lag().events_behind() == 0) break;
    }
  }
  RETURN_IF_ERROR(CountDuesOn(clock_.Today()).status());
  return applied;
}

absl::StatusOr<std::vector<FeedPosition>> FeedFollower::Positions() {
  std::vector<FeedPosition> out;
  for (size_t i = 0; i < consumers_.size(); ++i) {
    FeedPosition p{names_[i], consumers_[i]->lag()};
    ASSIGN_OR_RETURN(p.lag.applied,
                     outbox::FeedConsumer::StoredCursor(*db_, names_[i]));
    out.push_back(std::move(p));
  }
  return out;
}

void FeedFollower::AddGauges(rpc::Metrics& metrics) {
  for (auto& c : consumers_) c->AddGauges(metrics);
  metrics.AddGauge(
      "unionhub_reporting_consuming",
      "1 while this replica holds the consumer lease and follows the feeds.",
      [this] { return holding_ ? 1.0 : 0.0; });
}

}  // namespace unionhub::reporting
