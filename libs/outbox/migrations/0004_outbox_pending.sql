-- Writers no longer number events: each change inserts its event here, and the
-- feed numbers what has committed when it is read (outbox.cc, SequencePending).
-- Before, every write took the outbox_sequence row until commit, so all writes
-- of a service ran one at a time on MySQL. The database numbers pending rows in
-- insertion order, which is at commit (the insert is a deferred write); a change
-- that waited on another's locks commits after it, so events of one subject keep
-- their order.
CREATE TABLE outbox_pending (
  id AUTO_NUMBERED_KEY,
  event_id VARCHAR(32) NOT NULL UNIQUE,
  type VARCHAR(100) NOT NULL,
  organisation_path VARCHAR(255) NOT NULL,
  subject_id VARCHAR(32) NOT NULL,
  actor_key_id VARCHAR(64) NOT NULL,
  create_time VARCHAR(40) NOT NULL,
  payload_type VARCHAR(200) NOT NULL,
  payload MEDIUMBLOB NOT NULL
)
