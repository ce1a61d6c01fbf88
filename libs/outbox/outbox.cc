#include "libs/outbox/outbox.h"

#include <limits>

#include "absl/strings/str_cat.h"
#include "libs/base/errors.h"
#include "libs/base/ids.h"
#include "libs/base/status_macros.h"
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

void AddOutboxGauges(rpc::Metrics& metrics, sql::Database* db) {
  metrics.AddGauge(
      "unionhub_outbox_last_sequence",
      "Sequence number of the newest event in this service's feed.", [db] {
        absl::StatusOr<int64_t> last =
            db->Read([](sql::Session& s) -> absl::StatusOr<int64_t> {
              ASSIGN_OR_RETURN(sql::Statement * st,
                               s.Query("SELECT last_sequence FROM "
                                       "outbox_sequence WHERE id = 1"));
              ASSIGN_OR_RETURN(bool row, st->Step());
              if (!row) return absl::InternalError("outbox_sequence is empty");
              return st->Int(0);
            });
        return last.ok() ? static_cast<double>(*last)
                         : std::numeric_limits<double>::quiet_NaN();
      });
}

absl::Status Record(sql::Session& s, const auth::Caller& caller,
                    const Clock& clock, const Change& change) {
  std::string now = FormatTimestamp(clock.Now());
  // Taking the counter row serialises event writers until commit (see
  // migration).
  RETURN_IF_ERROR(
      s.Execute("UPDATE outbox_sequence SET last_sequence = last_sequence + 1 "
                "WHERE id = 1")
          .status());
  ASSIGN_OR_RETURN(
      sql::Statement * st,
      s.Query("SELECT last_sequence FROM outbox_sequence WHERE id = 1"));
  ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return absl::InternalError("outbox_sequence is empty");
  int64_t sequence = st->Int(0);
  std::string payload_type, payload;
  if (change.payload) {
    payload_type = change.payload->GetDescriptor()->full_name();
    payload = change.payload->SerializeAsString();
  }
  RETURN_IF_ERROR(
      s.Execute("INSERT INTO outbox_events (sequence, event_id, type, "
                "organisation_path, subject_id, actor_key_id, create_time, "
                "payload_type, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                sequence, NewId(), change.type, change.organisation_path,
                change.subject_id, caller.key_id, now, payload_type,
                sql::Blob{payload})
          .status());
  return s
      .Execute(
          "INSERT INTO audit_log (id, occurred_at, actor_key_id, "
          "actor_organisation_id, actor_role, action, subject_id, "
          "organisation_path, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
          NewId(), now, caller.key_id, caller.organisation_id,
          auth::RoleName(caller.role), change.type, change.subject_id,
          change.organisation_path, change.detail)
      .status();
}

absl::StatusOr<std::vector<events::v1::Event>> ListEvents(
    sql::Database& db, int64_t after_sequence, int limit) {
  std::vector<events::v1::Event> out;
  RETURN_IF_ERROR(db.Read([&](sql::Session& s) -> absl::Status {
    out.clear();
    ASSIGN_OR_RETURN(
        sql::Statement * st,
        s.Query(
            "SELECT sequence, event_id, type, organisation_path, subject_id, "
            "actor_key_id, create_time, payload_type, payload FROM "
            "outbox_events "
            "WHERE sequence > ? ORDER BY sequence LIMIT ?",
            after_sequence, limit));
    while (true) {
      ASSIGN_OR_RETURN(bool row, st->Step());
      if (!row) return absl::OkStatus();
      events::v1::Event& e = out.emplace_back();
      e.set_sequence(st->Int(0));
      e.set_event_id(st->Text(1));
      e.set_type(st->Text(2));
      e.set_organisation_path(st->Text(3));
      e.set_subject_id(st->Text(4));
      e.set_actor_key_id(st->Text(5));
      ASSIGN_OR_RETURN(absl::Time t, ParseTimestamp(st->Text(6)));
      e.mutable_create_time()->set_seconds(absl::ToUnixSeconds(t));
      e.mutable_create_time()->set_nanos(
          static_cast<int32_t>(absl::ToInt64Nanoseconds(
              t - absl::FromUnixSeconds(absl::ToUnixSeconds(t)))));
      std::string type = st->Text(7);
      if (!type.empty()) {
        e.mutable_payload()->set_type_url(
            absl::StrCat("type.googleapis.com/", type));
        e.mutable_payload()->set_value(st->Text(8));
      }
    }
  }));
  return out;
}

}  // namespace unionhub::outbox
