// What every change writes in its own transaction: an event in the outbox (for
// the event feed reporting consumes) and an audit record (who, what, when). One
// call does both, so no change can have one without the other.
#ifndef UNIONHUB_LIBS_OUTBOX_OUTBOX_H_
#define UNIONHUB_LIBS_OUTBOX_OUTBOX_H_

#include <google/protobuf/message.h>

#include <optional>
#include <string>
#include <vector>

#include "libs/auth/principal.h"
#include "libs/base/clock.h"
#include "libs/rpc/metrics.h"
#include "libs/sql/database.h"
#include "libs/sql/migrate.h"
#include "unionhub/events/v1/event_feed.pb.h"

namespace unionhub::outbox {

// Migrations 1..99 of every service database (outbox, audit log, idempotency
// keys; see idempotency.h).
const std::vector<sql::Migration>& PlatformMigrations();
// The platform migrations followed by a service's own (versions 100 and up).
std::vector<sql::Migration> WithPlatform(
    const std::vector<sql::Migration>& service);

struct Change {
  std::string type;               // "membership.member.created"
  std::string subject_id;         // Id of the changed resource.
  std::string organisation_path;  // Where in the tree it belongs.
  // The resource after the change, without personal data.
  const google::protobuf::Message* payload = nullptr;
  // Extra words for the audit log (e.g. "status ACTIVE -> RETIRED"); no
  // personal data.
  std::string detail;
};

absl::Status Record(sql::Session& session, const auth::Caller& caller,
                    const Clock& clock, const Change& change);

// Record writes the event as pending: writers never wait on each other for
// the feed. Pending events are numbered (SequencePending) when the feed is
// read, in the order they were written, after every event numbered before:
// a reader that has seen N has seen every event below N.
absl::Status SequencePending(sql::Database& db);

// Numbers what is pending, then returns the events after `after_sequence`,
// oldest first, at most `limit`, with the feed's head as it was when they
// were read.
absl::StatusOr<events::v1::ListEventsResponse> ListEvents(
    sql::Database& db, int64_t after_sequence, int limit);

// The feed on the metrics port: unionhub_outbox_last_sequence and
// unionhub_outbox_pending_events, read from the database at each scrape (NaN
// while it cannot be read).
void AddOutboxGauges(rpc::Metrics& metrics, sql::Database* db);

}  // namespace unionhub::outbox

#endif  // UNIONHUB_LIBS_OUTBOX_OUTBOX_H_
