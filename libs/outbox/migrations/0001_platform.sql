-- Tables every service has: the outbox of events, the audit log, and idempotency keys.
-- Service migrations start at version 100.

-- One row whose counter hands out event sequence numbers. Taking it locks the row
-- until commit, so sequence order is commit order even with several writers on MySQL,
-- where auto-increment order is not: a reader that has seen N has seen all below N.
CREATE TABLE outbox_sequence (
  id INT NOT NULL PRIMARY KEY,
  last_sequence BIGINT NOT NULL
);
INSERT INTO outbox_sequence (id, last_sequence) VALUES (1, 0);

CREATE TABLE outbox_events (
  sequence BIGINT NOT NULL PRIMARY KEY,
  event_id VARCHAR(32) NOT NULL UNIQUE,
  type VARCHAR(100) NOT NULL,
  organisation_path VARCHAR(255) NOT NULL,
  subject_id VARCHAR(32) NOT NULL,
  actor_key_id VARCHAR(64) NOT NULL,
  create_time VARCHAR(40) NOT NULL,
  payload_type VARCHAR(200) NOT NULL,
  payload MEDIUMBLOB NOT NULL
);

-- Who did what, when: one row per change, written in the change's transaction.
CREATE TABLE audit_log (
  id VARCHAR(32) NOT NULL PRIMARY KEY,
  occurred_at VARCHAR(40) NOT NULL,
  actor_key_id VARCHAR(64) NOT NULL,
  actor_organisation_id VARCHAR(32) NOT NULL,
  actor_role VARCHAR(32) NOT NULL,
  action VARCHAR(100) NOT NULL,
  subject_id VARCHAR(32) NOT NULL,
  organisation_path VARCHAR(255) NOT NULL,
  detail TEXT NOT NULL
);
CREATE INDEX audit_log_subject ON audit_log (subject_id, occurred_at);
CREATE INDEX audit_log_path ON audit_log (organisation_path, occurred_at);

-- A create retried with the same request_id returns what the first one made.
-- Scoped by the caller's organisation, so one tenant cannot probe another's ids.
CREATE TABLE idempotency_keys (
  scope VARCHAR(32) NOT NULL,
  request_id VARCHAR(100) NOT NULL,
  method VARCHAR(100) NOT NULL,
  fingerprint VARCHAR(64) NOT NULL,
  resource_id VARCHAR(32) NOT NULL,
  created_at VARCHAR(40) NOT NULL,
  PRIMARY KEY (scope, request_id)
);
