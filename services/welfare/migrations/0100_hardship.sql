-- Hardship files (困难职工档案), one per household, with their objections and
-- the history of each file.
CREATE TABLE hardship_files (
  id VARCHAR(16) NOT NULL PRIMARY KEY,
  organisation_id VARCHAR(16) NOT NULL,
  organisation_path VARCHAR(255) NOT NULL,
  person_id VARCHAR(16) NOT NULL,
  -- The person while the file is open, NULL once exited: one open file per
  -- household, kept by the unique index even under concurrent openings.
  open_person_id VARCHAR(16),
  member_id VARCHAR(16) NOT NULL,
  household_size INT NOT NULL,
  monthly_income_per_capita_fen BIGINT NOT NULL,
  level INT NOT NULL,
  -- Causes as bits: 1 << cause.
  cause_mask INT NOT NULL,
  situation VARCHAR(2000) NOT NULL,
  status INT NOT NULL,
  publicity_start_date VARCHAR(10),
  publicity_end_date VARCHAR(10),
  approved_date VARCHAR(10),
  last_check_date VARCHAR(10),
  next_check_due_date VARCHAR(10),
  exit_date VARCHAR(10),
  exit_reason VARCHAR(800) NOT NULL,
  relapse INT NOT NULL,
  previous_file_id VARCHAR(16),
  open_objections INT NOT NULL,
  opened_date VARCHAR(10) NOT NULL,
  create_time VARCHAR(40) NOT NULL,
  update_time VARCHAR(40) NOT NULL,
  etag VARCHAR(16) NOT NULL,
  UNIQUE (open_person_id)
);
CREATE INDEX hardship_files_path ON hardship_files (organisation_path, id);
CREATE INDEX hardship_files_person ON hardship_files (person_id, id);

CREATE TABLE hardship_objections (
  id VARCHAR(16) NOT NULL PRIMARY KEY,
  file_id VARCHAR(16) NOT NULL,
  organisation_path VARCHAR(255) NOT NULL,
  filed_date VARCHAR(10) NOT NULL,
  content VARCHAR(2000) NOT NULL,
  answer VARCHAR(2000) NOT NULL,
  answered_date VARCHAR(10),
  upheld INT NOT NULL,
  create_time VARCHAR(40) NOT NULL
);
CREATE INDEX hardship_objections_file ON hardship_objections (file_id, id);

-- Steps are ordered by their time-ordered ids.
CREATE TABLE hardship_file_steps (
  file_id VARCHAR(16) NOT NULL,
  id VARCHAR(16) NOT NULL,
  step VARCHAR(40) NOT NULL,
  step_date VARCHAR(10) NOT NULL,
  note VARCHAR(2000) NOT NULL,
  key_id VARCHAR(64) NOT NULL,
  record_time VARCHAR(40) NOT NULL,
  PRIMARY KEY (file_id, id)
);
