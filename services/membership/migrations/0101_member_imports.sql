-- One row per committed roster import, so that a retried import (same request_id)
-- answers with the first one's figures.
CREATE TABLE member_imports (
  id VARCHAR(16) NOT NULL PRIMARY KEY,
  rows_read BIGINT NOT NULL,
  rows_imported BIGINT NOT NULL,
  rows_rejected BIGINT NOT NULL,
  created_at VARCHAR(40) NOT NULL
);
