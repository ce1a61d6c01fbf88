#include "libs/outbox/outbox.h"

#include <limits>

#include "absl/strings/str_cat.h"
#include "libs/base/errors.h"
#include "libs/base/ids.h"
#include "libs/base/status_macros.h"
#include "libs/rpc/proto_time.h"
#include "unionhub_outbox_migrations.h"

namespace unionhub::outbox {

const std::vector<sql::Migration>& PlatformMigrations() {
  return unionhub_outbox_migrations();
}

std::vector<sql::Migration> WithPlatform(
    const std::vector<sql::Migration>& service) {
  std::vector<sql::Migration> all = PlatformMigrations();
  all.insert(all.end(), service.begin(), service.end());
  return all;
}

namespace {

// A page that says only where the feed's head is.
absl::StatusOr<events::v1::ListEventsResponse> ReadHead(sql::Session& s) {
  ASSIGN_OR_RETURN(
      sql::Statement * st,
      s.Query("SELECT last_sequence FROM outbox_sequence WHERE id = 1"));
  ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return absl::InternalError("outbox_sequence is empty");
  events::v1::ListEventsResponse page;
  page.set_head_sequence(st->Int(0));
  return page;
}

absl::StatusOr<int64_t> CountPending(sql::Session& s) {
  ASSIGN_OR_RETURN(sql::Statement * st,
                   s.Query("SELECT COUNT(*) FROM outbox_pending"));
  ASSIGN_OR_RETURN(bool row, st->Step());
  return row ? st->Int(0) : 0;
}

constexpr int64_t kSequenceBatch = 500;

// Moves the oldest committed pending events (at most kSequenceBatch) into the
// feed, numbered after its head in the order they were written; how many.
absl::StatusOr<int64_t> SequenceBatch(sql::Session& s) {
  // The counter row first: a second reader numbering at the same time waits
  // here until this one commits, and then sees the rows moved.
  RETURN_IF_ERROR(
      s.Execute("UPDATE outbox_sequence SET last_sequence = last_sequence "
                "WHERE id = 1")
          .status());
  ASSIGN_OR_RETURN(events::v1::ListEventsResponse head, ReadHead(s));
  // On MySQL this serializable read waits for writers whose events are still
  // uncommitted, so none is numbered after a later one.
  ASSIGN_OR_RETURN(
      sql::Statement * st,
      s.Query("SELECT COUNT(*), MAX(id) FROM (SELECT id FROM outbox_pending "
              "ORDER BY id LIMIT ?) batch",
              kSequenceBatch));
  ASSIGN_OR_RETURN(bool row, st->Step());
  const int64_t count = row ? st->Int(0) : 0;
  if (count == 0) return 0;
  const int64_t last_id = st->Int(1);
  const int64_t after = head.head_sequence();
  RETURN_IF_ERROR(
      s.Execute("INSERT INTO outbox_events (sequence, event_id, type, "
                "organisation_path, subject_id, actor_key_id, create_time, "
                "payload_type, payload) SELECT ? + ROW_NUMBER() OVER (ORDER "
                "BY id), event_id, type, organisation_path, subject_id, "
                "actor_key_id, create_time, payload_type, payload FROM "
                "outbox_pending WHERE id <= ?",
                after, last_id)
          .status());
  RETURN_IF_ERROR(
      s.Execute("DELETE FROM outbox_pending WHERE id <= ?", last_id).status());
  RETURN_IF_ERROR(
      s.Execute("UPDATE outbox_sequence SET last_sequence = ? WHERE id = 1",
                after + count)
          .status());
  return count;
}

}  // namespace

absl::Status SequencePending(sql::Database& db) {
  // Feeds are polled: a poll that finds nothing pending takes no write lock
  // (on SQLite the one writer's).
  ASSIGN_OR_RETURN(bool pending,
                   db.Read([](sql::Session& s) -> absl::StatusOr<bool> {
                     ASSIGN_OR_RETURN(
                         sql::Statement * st,
                         s.Query("SELECT id FROM outbox_pending LIMIT 1"));
                     return st->Step();
                   }));
  if (!pending) return absl::OkStatus();
  // Bounded, so one read of a feed nobody followed for long cannot hold a
  // caller for minutes; the next read goes on.
  for (int batch = 0; batch < 20; ++batch) {
    ASSIGN_OR_RETURN(int64_t moved, db.Write([](sql::Session& s) {
      return SequenceBatch(s);
    }));
    if (moved < kSequenceBatch) break;
  }
  return absl::OkStatus();
}

void AddOutboxGauges(rpc::Metrics& metrics, sql::Database* db) {
  metrics.AddGauge(
      "unionhub_outbox_last_sequence",
      "Sequence number of the newest event in this service's feed.", [db] {
        auto head = db->Read(ReadHead);
        return head.ok() ? static_cast<double>(head->head_sequence())
                         : std::numeric_limits<double>::quiet_NaN();
      });
  metrics.AddGauge(
      "unionhub_outbox_pending_events",
      "Committed events not yet numbered into the feed (the feed numbers "
      "them when it is read).",
      [db] {
        auto pending = db->Read(CountPending);
        return pending.ok() ? static_cast<double>(*pending)
                            : std::numeric_limits<double>::quiet_NaN();
      });
}

absl::Status Record(sql::Session& s, const auth::Caller& caller,
                    const Clock& clock, const Change& change) {
  std::string now = FormatTimestamp(clock.Now());
  std::string payload_type, payload;
  if (change.payload) {
    payload_type = change.payload->GetDescriptor()->full_name();
    payload = change.payload->SerializeAsString();
  }
  // Nothing reads them back in the change's transaction: they go with its
  // COMMIT.
  RETURN_IF_ERROR(
      s.Defer("INSERT INTO outbox_pending (event_id, type, "
              "organisation_path, subject_id, actor_key_id, create_time, "
              "payload_type, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
              NewId(), change.type, change.organisation_path, change.subject_id,
              caller.key_id, now, payload_type, sql::Blob{payload}));
  return s.Defer(
      "INSERT INTO audit_log (id, occurred_at, actor_key_id, "
      "actor_organisation_id, actor_role, action, subject_id, "
      "organisation_path, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      NewId(), now, caller.key_id, caller.organisation_id,
      auth::RoleName(caller.role), change.type, change.subject_id,
      change.organisation_path, change.detail);
}

absl::StatusOr<events::v1::ListEventsResponse> ListEvents(
    sql::Database& db, int64_t after_sequence, int limit) {
  RETURN_IF_ERROR(SequencePending(db));
  return db.Read(
      [&](sql::Session& s) -> absl::StatusOr<events::v1::ListEventsResponse> {
        events::v1::ListEventsResponse page;
        ASSIGN_OR_RETURN(page, ReadHead(s));
        ASSIGN_OR_RETURN(
            sql::Statement * st,
            s.Query("SELECT sequence, event_id, type, organisation_path, "
                    "subject_id, actor_key_id, create_time, payload_type, "
                    "payload FROM outbox_events WHERE sequence > ? "
                    "ORDER BY sequence LIMIT ?",
                    after_sequence, limit));
        while (true) {
          ASSIGN_OR_RETURN(bool row, st->Step());
          if (!row) break;
          events::v1::Event& e = *page.add_events();
          e.set_sequence(st->Int(0));
          e.set_event_id(st->Text(1));
          e.set_type(st->Text(2));
          e.set_organisation_path(st->Text(3));
          e.set_subject_id(st->Text(4));
          e.set_actor_key_id(st->Text(5));
          ASSIGN_OR_RETURN(absl::Time created, st->Timestamp(6));
          rpc::SetProtoTime(created, e.mutable_create_time());
          std::string type = st->Text(7);
          if (!type.empty()) {
            e.mutable_payload()->set_type_url(
                absl::StrCat("type.googleapis.com/", type));
            e.mutable_payload()->set_value(st->Text(8));
          }
        }
        page.set_last_sequence(page.events().empty()
                                   ? after_sequence
                                   : page.events().rbegin()->sequence());
        return page;
      });
}

}  // namespace unionhub::outbox
