// Follows another service's event feed into this service's database (reporting
// follows membership, welfare and democracy this way).
//
// Exactly once: the consumer keeps a cursor per feed in its own database
// (feed_cursors) and applies each page of events in the transaction that
// advances the cursor, so a crash, a lost COMMIT answer or a transaction run
// again leaves the events and the cursor applied together or not at all. The
// cursor only moves from the value the page was asked after (compare and set),
// so two consumers of one feed in one database apply each event once between
// them: the slower one's page is dropped and asked again.
#ifndef UNIONHUB_LIBS_OUTBOX_FEED_CONSUMER_H_
#define UNIONHUB_LIBS_OUTBOX_FEED_CONSUMER_H_

#include <grpcpp/grpcpp.h>

#include <functional>
#include <memory>
#include <string>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "libs/auth/principal.h"
#include "libs/base/clock.h"
#include "libs/rpc/metrics.h"
#include "libs/sql/database.h"
#include "unionhub/events/v1/event_feed.grpc.pb.h"

namespace unionhub::outbox {

// Where a feed's pages come from.
class FeedSource {
 public:
  virtual ~FeedSource() = default;
  // Events after `after_sequence`, oldest first, at most `page_size`, with
  // the feed's head.
  virtual absl::StatusOr<events::v1::ListEventsResponse> ListEvents(
      int64_t after_sequence, int page_size) = 0;
};

// A producer's outbox read straight from its database, as its
// EventFeedService would serve it: for tools and tests that run producer and
// consumer in one process (the reporting benchmark, reporting's tests).
class DatabaseFeedSource final : public FeedSource {
 public:
  explicit DatabaseFeedSource(sql::Database* db) : db_(db) {}
  absl::StatusOr<events::v1::ListEventsResponse> ListEvents(
      int64_t after_sequence, int page_size) override;

 private:
  sql::Database* db_;
};

// Another service's EventFeedService, asked as this service: a service
// principal signed with this service's own key (which the producer trusts for
// internal methods only). Errors say which service could not be read.
class GrpcFeedSource final : public FeedSource {
 public:
  // `signer` must outlive the source; `service` is this service's name (the
  // principal's key id, as the producer's logs show it).
  GrpcFeedSource(std::shared_ptr<grpc::ChannelInterface> channel,
                 std::string producer, const auth::PrincipalSigner* signer,
                 std::string service,
                 absl::Duration call_timeout = absl::Seconds(10));

  absl::StatusOr<events::v1::ListEventsResponse> ListEvents(
      int64_t after_sequence, int page_size) override;

 private:
  std::unique_ptr<events::v1::EventFeedService::Stub> stub_;
  std::string producer_;
  const auth::PrincipalSigner* signer_;
  std::string service_;
  absl::Duration call_timeout_;
};

struct FeedConsumerOptions {
  // The cursor's name in this database, e.g. "membership".
  std::string feed;
  int page_size = 200;
  // How long to wait before asking again once caught up.
  absl::Duration caught_up_wait = absl::Seconds(1);
  // While the producer or the database fails: wait `first_backoff`, doubling
  // up to `max_backoff` (each with up to a fifth more at random, so replicas
  // restarted together do not ask in step).
  absl::Duration first_backoff = absl::Milliseconds(200);
  absl::Duration max_backoff = absl::Seconds(30);
  // When set, the polling thread asks it before each poll and only polls
  // while it says yes (e.g. while this replica holds the consumer lease);
  // otherwise it waits caught_up_wait and asks again.
  std::function<bool()> may_consume;
};

// How far behind the producer a consumer is.
struct FeedLag {
  int64_t applied = 0;  // The cursor: the last event applied.
  int64_t head = 0;     // The producer's newest event, when last asked.
  // When the consumer last had applied everything (InfinitePast: never).
  absl::Time caught_up_at = absl::InfinitePast();
  int consecutive_failures = 0;
  absl::Status last_error;

  int64_t events_behind() const { return head > applied ? head - applied : 0; }
};

class FeedConsumer final {
 public:
  // Applies one event inside the page's transaction. An error rolls the page
  // back (cursor included), and it is asked again after a backoff, so a
  // permanent error holds the feed here rather than skip an event.
  using Apply =
      std::function<absl::Status(sql::Session&, const events::v1::Event&)>;
  // Applies a whole page (oldest first) inside its transaction, for a
  // consumer that combines what the page's events change before writing.
  using Events = google::protobuf::RepeatedPtrField<events::v1::Event>;
  using ApplyPage = std::function<absl::Status(sql::Session&, const Events&)>;

  // `db` holds the cursor (platform migration 0003) and whatever `apply`
  // writes; `db` and `source` must outlive the consumer.
  FeedConsumer(sql::Database* db, FeedSource* source, Apply apply,
               FeedConsumerOptions options,
               const Clock& clock = Clock::System());
  static std::unique_ptr<FeedConsumer> ForPages(
      sql::Database* db, FeedSource* source, ApplyPage apply,
      FeedConsumerOptions options, const Clock& clock = Clock::System());
  ~FeedConsumer();  // Stops.

  // One step: the events after the stored cursor, applied with the cursor
  // advanced in one transaction. Returns how many were applied (0: none new,
  // or another consumer applied them first).
  absl::StatusOr<int> PollOnce();

  // Polls on a thread of its own until Stop: again at once while behind,
  // after caught_up_wait when caught up, with backoff while failing.
  void Start();
  void Stop();

  FeedLag lag() const;
  // unionhub_feed_{applied_sequence,head_sequence,lag_events,
  // seconds_since_caught_up,consecutive_failures}{feed="..."}.
  void AddGauges(rpc::Metrics& metrics);

  // The cursor stored for `feed` (0 before its first page).
  static absl::StatusOr<int64_t> StoredCursor(sql::Database& db,
                                              absl::string_view feed);

 private:
  absl::StatusOr<int> Poll();
  absl::Duration Backoff(int failures);
  void Run();

  FeedConsumer(sql::Database* db, FeedSource* source, ApplyPage apply,
               FeedConsumerOptions options, const Clock& clock, int);

  sql::Database* db_;
  FeedSource* source_;
  ApplyPage apply_;
  const FeedConsumerOptions options_;
  const Clock& clock_;

  mutable absl::Mutex mu_;
  FeedLag lag_ ABSL_GUARDED_BY(mu_);
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::thread thread_;
};

}  // namespace unionhub::outbox

#endif  // UNIONHUB_LIBS_OUTBOX_FEED_CONSUMER_H_
