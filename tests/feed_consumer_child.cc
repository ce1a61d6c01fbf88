// A consumer of membership's event feed as its own process, for
// feed_consumer_process_test: it follows the feed into a database of its own
// until caught up, and can be made to die by SIGKILL at the two places a crash
// matters: after a page committed, before the next is read
// (--die_after_pages), or while applying an event, before its page commits
// (--die_at_event). Exit codes: 0 caught up, 1 an error.
#include <csignal>
#include <iostream>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_cat.h"
#include "libs/outbox/feed_consumer.h"
#include "libs/outbox/outbox.h"
#include "libs/rpc/server.h"

ABSL_FLAG(std::string, feed_address, "", "membership's gRPC address");
ABSL_FLAG(std::string, service_key_file, "", "this service's private key");
ABSL_FLAG(std::string, consumer_database_url, "", "where events are applied");
ABSL_FLAG(int, page_size, 5, "events per page");
ABSL_FLAG(int, die_after_pages, 0, "SIGKILL after this many pages commit");
ABSL_FLAG(int, die_at_event, 0, "SIGKILL while applying this event of the run");

namespace unionhub {
namespace {

// One row per application of an event: applied twice shows as two rows.
const std::vector<sql::Migration>& Migrations() {
  static const auto* all = new std::vector<sql::Migration>(outbox::WithPlatform(
      {{100, "applied",
        "CREATE TABLE applied_events (sequence BIGINT NOT NULL, "
        "event_id VARCHAR(32) NOT NULL, type VARCHAR(100) NOT NULL)"}}));
  return *all;
}

int Run() {
  auto db = rpc::OpenAndMigrate(absl::GetFlag(FLAGS_consumer_database_url),
                                Migrations());
  if (!db.ok()) return rpc::Fail(db.status(), "opening the database");
  auto signer = rpc::LoadPrincipalSigner(absl::GetFlag(FLAGS_service_key_file));
  if (!signer.ok()) return rpc::Fail(signer.status(), "loading the key");
  outbox::GrpcFeedSource source(
      grpc::CreateChannel(absl::GetFlag(FLAGS_feed_address),
                          grpc::InsecureChannelCredentials()),
      "membership", &*signer, "feed-consumer-child");
  int applying = 0;
  const int die_at_event = absl::GetFlag(FLAGS_die_at_event);
  outbox::FeedConsumerOptions options;
  options.feed = "membership";
  options.page_size = absl::GetFlag(FLAGS_page_size);
  outbox::FeedConsumer consumer(
      db->get(), &source,
      [&](sql::Session& s, const events::v1::Event& e) -> absl::Status {
        if (++applying == die_at_event) raise(SIGKILL);
        return s
            .Execute(
                "INSERT INTO applied_events (sequence, event_id, type) "
                "VALUES (?, ?, ?)",
                e.sequence(), e.event_id(), e.type())
            .status();
      },
      options);
  for (int pages = 0;;) {
    absl::StatusOr<int> applied = consumer.PollOnce();
    if (!applied.ok()) return rpc::Fail(applied.status(), "following the feed");
    if (*applied > 0 && ++pages == absl::GetFlag(FLAGS_die_after_pages))
      raise(SIGKILL);
    if (*applied == 0 && consumer.lag().events_behind() == 0) {
      std::cout << "caught up at " << consumer.lag().applied << std::endl;
      return 0;
    }
  }
}

}  // namespace
}  // namespace unionhub

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  return unionhub::Run();
}
