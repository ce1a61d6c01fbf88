-- The officer's saved versions of a union's annual work summary (工作总结).
-- content is the version as a serialized unionhub.reporting.v1.WorkSummary
-- (its sections, sentences and the figures they cite, as drafted).
CREATE TABLE work_summaries (
  organisation_id VARCHAR(16) NOT NULL,
  year INT NOT NULL,
  version INT NOT NULL,
  organisation_path VARCHAR(255) NOT NULL,
  content BLOB NOT NULL,
  key_id VARCHAR(64) NOT NULL,
  create_time VARCHAR(40) NOT NULL,
  PRIMARY KEY (organisation_id, year, version)
);
