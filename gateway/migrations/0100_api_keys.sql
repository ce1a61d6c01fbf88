-- API keys. Only a SHA-256 of each secret is kept: a stolen database opens nothing.
CREATE TABLE api_keys (
  id VARCHAR(16) NOT NULL PRIMARY KEY,
  secret_hash VARCHAR(64) NOT NULL,
  display_name VARCHAR(400) NOT NULL,
  organisation_id VARCHAR(32) NOT NULL,
  organisation_path VARCHAR(255) NOT NULL,
  role INT NOT NULL,
  create_time VARCHAR(40) NOT NULL,
  created_by_key_id VARCHAR(64) NOT NULL,
  expire_time VARCHAR(40) NULL,
  revoke_time VARCHAR(40) NULL,
  revoked_by_key_id VARCHAR(64) NOT NULL DEFAULT '',
  revoke_reason VARCHAR(800) NOT NULL DEFAULT ''
);
-- Listing a subtree's keys: a range scan on the path.
CREATE INDEX api_keys_path ON api_keys (organisation_path, id);
