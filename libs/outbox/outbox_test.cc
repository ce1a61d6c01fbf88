#include "libs/outbox/outbox.h"

#include <atomic>
#include <thread>

#include "absl/synchronization/notification.h"
#include "gtest/gtest.h"
#include "libs/base/status_macros.h"
#include "libs/outbox/idempotency.h"
#include "libs/sql/testing.h"
#include "unionhub/auth/v1/principal.pb.h"

namespace unionhub::outbox {
namespace {

class OutboxTest : public ::testing::TestWithParam<sql::Backend> {};

auth::Caller Admin() {
  auth::Caller c;
  c.key_id = "k1";
  c.organisation_id = "00000000000000a1";
  c.organisation_path = "/00000000000000a1/";
  c.role = auth::Role::kFederationAdmin;
  return c;
}

absl::Status WriteEvent(sql::Database& db, const std::string& subject) {
  auth::v1::Principal payload;  // Any message does for the feed.
  payload.set_key_id(subject);
  return db.Write([&](sql::Session& s) {
    return Record(
        s, Admin(), Clock::System(),
        {"test.thing.created", subject, "/00000000000000a1/", &payload, ""});
  });
}

int64_t Count(sql::Database& db, const char* table) {
  int64_t n = -1;
  (void)db.Read([&](sql::Session& s) -> absl::Status {
    ASSIGN_OR_RETURN(sql::Statement * st,
                     s.Query(std::string("SELECT COUNT(*) FROM ") + table));
    ASSIGN_OR_RETURN(bool row, st->Step());
    if (row) n = st->Int(0);
    return absl::OkStatus();
  });
  return n;
}

TEST_P(OutboxTest, RecordsEventAndAuditTogetherOrNeither) {
  UNIONHUB_OPEN_TEST_DATABASE_OR_SKIP(t, GetParam());
  ASSERT_TRUE(sql::Migrate(*t.db, PlatformMigrations()).ok());
  ASSERT_TRUE(WriteEvent(*t.db, "s1").ok());
  absl::Status failed = t.db->Write([&](sql::Session& s) -> absl::Status {
    RETURN_IF_ERROR(Record(
        s, Admin(), Clock::System(),
        {"test.thing.created", "s2", "/00000000000000a1/", nullptr, ""}));
    return absl::FailedPreconditionError("the change itself failed");
  });
  EXPECT_FALSE(failed.ok());
  EXPECT_EQ(Count(*t.db, "outbox_pending"), 1);
  EXPECT_EQ(Count(*t.db, "audit_log"), 1);
  auto page = ListEvents(*t.db, 0, 10);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->events_size(), 1);
  EXPECT_EQ(page->events(0).sequence(), 1);
  EXPECT_EQ(page->last_sequence(), 1);
  EXPECT_EQ(page->head_sequence(), 1);
  auth::v1::Principal payload;
  ASSERT_TRUE(page->events(0).payload().UnpackTo(&payload));
  EXPECT_EQ(payload.key_id(), "s1");
}

// Several writers commit concurrently while a consumer follows the feed by
// after_sequence. If a sequence number became visible before a smaller one (as
// auto-increment allows on MySQL), the consumer would step past it and never
// see it.
TEST_P(OutboxTest, ConsumerFollowingTheFeedNeverSkipsAnEvent) {
  UNIONHUB_OPEN_TEST_DATABASE_OR_SKIP(t, GetParam());
  ASSERT_TRUE(sql::Migrate(*t.db, PlatformMigrations()).ok());
  constexpr int kWriters = 4, kEach = 40;
  std::atomic<int> failures{0};
  std::atomic<bool> done{false};
  std::vector<int64_t> seen;
  std::thread consumer([&] {
    int64_t after = 0;
    while (true) {
      bool finished = done.load();
      auto page = ListEvents(*t.db, after, 7);
      if (!page.ok()) {
        ++failures;
        return;
      }
      for (const auto& e : page->events()) {
        seen.push_back(e.sequence());
        after = e.sequence();
      }
      if (finished && page->events().empty()) return;
    }
  });
  std::vector<std::thread> writers;
  for (int w = 0; w < kWriters; ++w) {
    writers.emplace_back([&, w] {
      for (int i = 0; i < kEach; ++i) {
        if (!WriteEvent(*t.db, std::to_string(w * 1000 + i)).ok()) ++failures;
      }
    });
  }
  for (auto& th : writers) th.join();
  done = true;
  consumer.join();
  EXPECT_EQ(failures.load(), 0);
  ASSERT_EQ(seen.size(), static_cast<size_t>(kWriters * kEach));
  for (size_t i = 0; i < seen.size(); ++i) ASSERT_EQ(seen[i], int64_t(i + 1));
}

// Writers do not take turns for the feed: an event committed while another
// writer's transaction (with its own event) is still open is not held back
// by it. SQLite has one writer at a time anyway.
TEST_P(OutboxTest, WritersDoNotWaitOnEachOtherForTheFeed) {
  UNIONHUB_OPEN_TEST_DATABASE_OR_SKIP(t, GetParam());
  if (GetParam() == sql::Backend::kSqlite) GTEST_SKIP() << "one writer";
  ASSERT_TRUE(sql::Migrate(*t.db, PlatformMigrations()).ok());
  absl::Notification recorded, release;
  bool released_in_time = false;
  std::thread open_writer([&] {
    EXPECT_TRUE(
        t.db->Write([&](sql::Session& s) -> absl::Status {
              RETURN_IF_ERROR(Record(s, Admin(), Clock::System(),
                                     {"test.thing.created", "slow",
                                      "/00000000000000a1/", nullptr, ""}));
              recorded.Notify();
              released_in_time =
                  release.WaitForNotificationWithTimeout(absl::Seconds(20));
              return absl::OkStatus();
            })
            .ok());
  });
  recorded.WaitForNotification();
  EXPECT_TRUE(WriteEvent(*t.db, "quick").ok());
  release.Notify();
  open_writer.join();
  EXPECT_TRUE(released_in_time) << "the second writer waited for the first";
  auto page = ListEvents(*t.db, 0, 10);
  ASSERT_TRUE(page.ok()) << page.status();
  ASSERT_EQ(page->events_size(), 2);
  // Events are written at commit: the one committed first comes first.
  EXPECT_EQ(page->events(0).subject_id(), "quick");
  EXPECT_EQ(page->events(1).sequence(), 2);
  EXPECT_EQ(Count(*t.db, "outbox_pending"), 0);
}

// Reading the feed numbers what is pending in batches, and a reader that
// comes back finds the numbering carried on, not restarted.
TEST_P(OutboxTest, TheFeedNumbersPendingEventsInBatchesWithoutGaps) {
  UNIONHUB_OPEN_TEST_DATABASE_OR_SKIP(t, GetParam());
  ASSERT_TRUE(sql::Migrate(*t.db, PlatformMigrations()).ok());
  for (int i = 0; i < 1203; ++i)
    ASSERT_TRUE(WriteEvent(*t.db, std::to_string(i)).ok());
  auto page = ListEvents(*t.db, 1190, 100);
  ASSERT_TRUE(page.ok()) << page.status();
  EXPECT_EQ(page->head_sequence(), 1203);
  ASSERT_EQ(page->events_size(), 13);
  EXPECT_EQ(page->events(0).subject_id(), "1190");
  ASSERT_TRUE(WriteEvent(*t.db, "late").ok());
  page = ListEvents(*t.db, 1203, 100);
  ASSERT_TRUE(page.ok()) << page.status();
  ASSERT_EQ(page->events_size(), 1);
  EXPECT_EQ(page->events(0).sequence(), 1204);
  EXPECT_EQ(page->events(0).subject_id(), "late");
}

TEST_P(OutboxTest, RequestIdsReturnTheFirstAnswerAndRefuseReuse) {
  UNIONHUB_OPEN_TEST_DATABASE_OR_SKIP(t, GetParam());
  ASSERT_TRUE(sql::Migrate(*t.db, PlatformMigrations()).ok());
  auth::Caller caller;
  caller.organisation_id = "00000000000000a1";
  // Any request type with a request_id; the method comes from its descriptor.
  events::v1::ListEventsRequest request;
  RequestKey key = RequestKeyOf(*request.GetDescriptor(), "req-1", "fp1");
  EXPECT_EQ(key.method, "unionhub.events.v1.EventFeedService.ListEvents");
  int runs = 0;
  auto once = [&](const auth::Caller& who, const RequestKey& k,
                  std::string made) {
    return t.db->Write([&](sql::Session& s) -> absl::StatusOr<std::string> {
      return Once(
          s, who, k, Clock::System(),
          [&]() -> absl::StatusOr<std::string> {
            ++runs;
            return made;
          },
          [](const std::string& answer) { return "stored:" + answer; },
          [](const std::string& answer) -> absl::StatusOr<std::string> {
            return "loaded " + answer;
          });
    });
  };
  EXPECT_EQ(*once(caller, key, "first"), "first");
  EXPECT_EQ(*once(caller, key, "second"), "loaded stored:first");
  EXPECT_EQ(runs, 1);
  RequestKey other = key;
  other.fingerprint = "fp2";
  absl::StatusOr<std::string> reused = once(caller, other, "third");
  EXPECT_EQ(reused.status().code(), absl::StatusCode::kInvalidArgument);
  other = key;
  other.method = "unionhub.events.v1.EventFeedService.Other";
  EXPECT_EQ(once(caller, other, "third").status().code(),
            absl::StatusCode::kInvalidArgument);
  // Another organisation's request ids are its own.
  auth::Caller other_tenant = caller;
  other_tenant.organisation_id = "00000000000000b2";
  EXPECT_EQ(*once(other_tenant, key, "theirs"), "theirs");
  // No request id: runs every time.
  RequestKey none = key;
  none.request_id.clear();
  EXPECT_EQ(*once(caller, none, "a"), "a");
  EXPECT_EQ(*once(caller, none, "b"), "b");
  EXPECT_EQ(runs, 4);

  EXPECT_FALSE(CheckRequestId(std::string(101, 'a')).ok());
  EXPECT_FALSE(CheckRequestId("has space").ok());
  EXPECT_TRUE(CheckRequestId("").ok());
}

INSTANTIATE_TEST_SUITE_P(Backends, OutboxTest,
                         ::testing::Values(sql::Backend::kSqlite,
                                           sql::Backend::kMysql),
                         [](const auto& info) {
                           return sql::BackendName(info.param);
                         });

}  // namespace
}  // namespace unionhub::outbox
