#include "libs/outbox/feed_consumer.h"

#include <algorithm>
#include <limits>
#include <random>

#include "absl/strings/str_cat.h"
#include "libs/base/errors.h"
#include "libs/base/status_macros.h"
#include "libs/outbox/outbox.h"
#include "libs/rpc/log.h"
#include "libs/rpc/proto_time.h"

namespace unionhub::outbox {
namespace {

// A page that does not follow the cursor would skip or repeat events; the
// producer broke its promise, so nothing of it is applied.
absl::Status CheckOrder(const events::v1::ListEventsResponse& page,
                        int64_t after) {
  int64_t previous = after;
  for (const events::v1::Event& e : page.events()) {
    if (e.sequence() <= previous) {
      return absl::InternalError(absl::StrCat(
          "the feed answered event ", e.sequence(), " after ", previous,
          ", out of order; nothing of the page was applied"));
    }
    previous = e.sequence();
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<events::v1::ListEventsResponse> DatabaseFeedSource::ListEvents(
    int64_t after_sequence, int page_size) {
  return outbox::ListEvents(*db_, after_sequence, page_size);
}

GrpcFeedSource::GrpcFeedSource(std::shared_ptr<grpc::ChannelInterface> channel,
                               std::string producer,
                               const auth::PrincipalSigner* signer,
                               std::string service, absl::Duration call_timeout)
    : stub_(events::v1::EventFeedService::NewStub(channel)),
      producer_(std::move(producer)),
      signer_(signer),
      service_(std::move(service)),
      call_timeout_(call_timeout) {}

absl::StatusOr<events::v1::ListEventsResponse> GrpcFeedSource::ListEvents(
    int64_t after_sequence, int page_size) {
  auth::Caller self = auth::ServiceCaller(service_);
  self.expires = absl::Now() + absl::Minutes(5);
  grpc::ClientContext context;
  context.AddMetadata(auth::kPrincipalMetadataKey, signer_->Sign(self));
  context.set_deadline(absl::ToChronoTime(absl::Now() + call_timeout_));
  events::v1::ListEventsRequest request;
  request.set_after_sequence(after_sequence);
  request.set_page_size(page_size);
  events::v1::ListEventsResponse page;
  grpc::Status status = stub_->ListEvents(&context, request, &page);
  if (status.ok()) return page;
  std::string what = absl::StrCat("reading ", producer_,
                                  "'s event feed: ", status.error_message());
  switch (status.error_code()) {
    case grpc::StatusCode::UNAVAILABLE:
    case grpc::StatusCode::DEADLINE_EXCEEDED:
    case grpc::StatusCode::RESOURCE_EXHAUSTED:
    case grpc::StatusCode::CANCELLED:
      return absl::UnavailableError(what);
    default:
      return absl::Status(static_cast<absl::StatusCode>(status.error_code()),
                          what);
  }
}

FeedConsumer::FeedConsumer(sql::Database* db, FeedSource* source, Apply apply,
                           FeedConsumerOptions options, const Clock& clock)
    : FeedConsumer(
          db, source,
          [apply = std::move(apply), feed = options.feed](
              sql::Session& s, const Events& events) -> absl::Status {
            for (const events::v1::Event& e : events) {
              absl::Status status = apply(s, e);
              if (status.ok()) continue;
              absl::Status said(
                  status.code(),
                  absl::StrCat("applying event ", e.sequence(), " (", e.type(),
                               ") of feed ", feed, ": ", status.message()));
              // A deadlock or lost connection stays one, to be run again.
              return IsStorageError(status) ? MarkStorageError(said) : said;
            }
            return absl::OkStatus();
          },
          std::move(options), clock, 0) {}

FeedConsumer::FeedConsumer(sql::Database* db, FeedSource* source,
                           ApplyPage apply, FeedConsumerOptions options,
                           const Clock& clock, int)
    : db_(db),
      source_(source),
      apply_(std::move(apply)),
      options_(std::move(options)),
      clock_(clock) {}

std::unique_ptr<FeedConsumer> FeedConsumer::ForPages(
    sql::Database* db, FeedSource* source, ApplyPage apply,
    FeedConsumerOptions options, const Clock& clock) {
  return std::unique_ptr<FeedConsumer>(new FeedConsumer(
      db, source, std::move(apply), std::move(options), clock, 0));
}

FeedConsumer::~FeedConsumer() { Stop(); }

absl::StatusOr<int64_t> FeedConsumer::StoredCursor(sql::Database& db,
                                                   absl::string_view feed) {
  return db.Read([&](sql::Session& s) -> absl::StatusOr<int64_t> {
    ASSIGN_OR_RETURN(
        sql::Statement * st,
        s.Query("SELECT last_sequence FROM feed_cursors WHERE feed = ?", feed));
    ASSIGN_OR_RETURN(bool row, st->Step());
    return row ? st->Int(0) : 0;
  });
}

absl::StatusOr<int> FeedConsumer::PollOnce() {
  absl::StatusOr<int> applied = Poll();
  absl::MutexLock lock(&mu_);
  if (applied.ok()) {
    lag_.consecutive_failures = 0;
    lag_.last_error = absl::OkStatus();
  } else {
    ++lag_.consecutive_failures;
    lag_.last_error = applied.status();
  }
  return applied;
}

absl::StatusOr<int> FeedConsumer::Poll() {
  ASSIGN_OR_RETURN(int64_t cursor, StoredCursor(*db_, options_.feed));
  ASSIGN_OR_RETURN(events::v1::ListEventsResponse page,
                   source_->ListEvents(cursor, options_.page_size));
  RETURN_IF_ERROR(CheckOrder(page, cursor));
  int64_t head = std::max(page.head_sequence(), page.last_sequence());
  const int count = page.events_size();
  if (count == 0) {
    absl::MutexLock lock(&mu_);
    lag_.applied = cursor;
    lag_.head = std::max(head, cursor);
    if (lag_.head == cursor) lag_.caught_up_at = clock_.Now();
    return 0;
  }
  const int64_t last = page.events(count - 1).sequence();
  ASSIGN_OR_RETURN(
      int applied, db_->Write([&](sql::Session& s) -> absl::StatusOr<int> {
        std::string now = FormatTimestamp(clock_.Now());
        // Taking the cursor row first serialises consumers of this feed;
        // moving it only from `cursor` leaves a page another consumer
        // applied meanwhile to them.
        ASSIGN_OR_RETURN(
            int64_t moved,
            s.Execute("UPDATE feed_cursors SET last_sequence = ?, "
                      "updated_at = ? WHERE feed = ? AND last_sequence = ?",
                      last, now, options_.feed, cursor));
        if (moved == 0) {
          if (cursor != 0) return 0;
          absl::Status made =
              s.Execute(
                   "INSERT INTO feed_cursors (feed, last_sequence, "
                   "updated_at) VALUES (?, ?, ?)",
                   options_.feed, last, now)
                  .status();
          if (made.code() == absl::StatusCode::kAlreadyExists) return 0;
          RETURN_IF_ERROR(made);
        }
        RETURN_IF_ERROR(apply_(s, page.events()));
        return count;
      }));
  int64_t stored = last;
  if (applied == 0) {  // Another consumer moved the cursor first.
    ASSIGN_OR_RETURN(stored, StoredCursor(*db_, options_.feed));
  }
  absl::MutexLock lock(&mu_);
  lag_.applied = stored;
  lag_.head = std::max(head, stored);
  if (lag_.head == lag_.applied) lag_.caught_up_at = clock_.Now();
  return applied;
}

absl::Duration FeedConsumer::Backoff(int failures) {
  absl::Duration wait = options_.first_backoff;
  for (int i = 1; i < failures && wait < options_.max_backoff; ++i) wait *= 2;
  wait = std::min(wait, options_.max_backoff);
  thread_local std::mt19937 random{std::random_device{}()};
  return wait + wait * std::uniform_real_distribution<double>(0, 0.2)(random);
}

void FeedConsumer::Start() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = false;
  }
  thread_ = std::thread([this] { Run(); });
}

void FeedConsumer::Stop() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  if (thread_.joinable()) thread_.join();
}

void FeedConsumer::Run() {
  while (true) {
    absl::Duration wait;
    if (options_.may_consume && !options_.may_consume()) {
      wait = options_.caught_up_wait;
    } else if (absl::StatusOr<int> applied = PollOnce(); !applied.ok()) {
      FeedLag now = lag();
      // The first failure and then every tenth, so a long outage is visible
      // without a line per retry.
      if (now.consecutive_failures % 10 == 1) {
        rpc::LogEvent("warning", "feed consumer failing",
                      {{"feed", options_.feed},
                       {"failures", absl::StrCat(now.consecutive_failures)},
                       {"error", applied.status().ToString()}});
      }
      wait = Backoff(now.consecutive_failures);
    } else {
      wait = lag().events_behind() > 0 ? absl::ZeroDuration()
                                       : options_.caught_up_wait;
    }
    absl::MutexLock lock(&mu_);
    auto stopping = [this]()
                        ABSL_SHARED_LOCKS_REQUIRED(mu_) { return stopping_; };
    mu_.AwaitWithTimeout(absl::Condition(&stopping), wait);
    if (stopping_) return;
  }
}

FeedLag FeedConsumer::lag() const {
  absl::MutexLock lock(&mu_);
  return lag_;
}

void FeedConsumer::AddGauges(rpc::Metrics& metrics) {
  const std::string labels = absl::StrCat("feed=\"", options_.feed, "\"");
  metrics.AddGauge(
      "unionhub_feed_applied_sequence",
      "The last event of the feed applied here.",
      [this] { return static_cast<double>(lag().applied); }, labels);
  metrics.AddGauge(
      "unionhub_feed_head_sequence",
      "The producer's newest event, when last asked.",
      [this] { return static_cast<double>(lag().head); }, labels);
  metrics.AddGauge(
      "unionhub_feed_lag_events", "Events of the feed not yet applied here.",
      [this] { return static_cast<double>(lag().events_behind()); }, labels);
  metrics.AddGauge(
      "unionhub_feed_seconds_since_caught_up",
      "Seconds since everything the producer had was applied here (0: caught "
      "up; NaN: never yet).",
      [this] {
        FeedLag l = lag();
        if (l.caught_up_at == absl::InfinitePast())
          return std::numeric_limits<double>::quiet_NaN();
        if (l.events_behind() == 0 && l.consecutive_failures == 0) return 0.0;
        return absl::ToDoubleSeconds(clock_.Now() - l.caught_up_at);
      },
      labels);
  metrics.AddGauge(
      "unionhub_feed_consecutive_failures",
      "Polls of the feed that failed in a row (producer or database).",
      [this] { return static_cast<double>(lag().consecutive_failures); },
      labels);
}

}  // namespace unionhub::outbox
