-- The model-worker archive: one row per honour of a member. hardship_causes holds
-- HardshipCause codes separated by commas, empty when not in hardship.
CREATE TABLE model_workers (
  id VARCHAR(16) NOT NULL PRIMARY KEY,
  member_id VARCHAR(16) NOT NULL,
  level INT NOT NULL,
  title VARCHAR(200) NOT NULL,
  award_year INT NOT NULL,
  hardship_causes VARCHAR(40) NOT NULL,
  notes TEXT NOT NULL,
  create_time VARCHAR(40) NOT NULL,
  update_time VARCHAR(40) NOT NULL,
  etag VARCHAR(16) NOT NULL,
  UNIQUE (member_id, title)
);
