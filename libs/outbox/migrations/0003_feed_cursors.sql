-- A service that follows another's event feed keeps how far it has applied it here,
-- advanced in the same transaction that applies the events (see feed_consumer.h).
CREATE TABLE feed_cursors (
  feed VARCHAR(64) NOT NULL PRIMARY KEY,
  last_sequence BIGINT NOT NULL,
  updated_at VARCHAR(40) NOT NULL
);
