-- The annual statistics forms (工会统计年报): one per union and statistics
-- year once anything was entered, submitted, reviewed or exempted.
CREATE TABLE statistics_forms (
  organisation_id VARCHAR(16) NOT NULL,
  year INT NOT NULL,
  organisation_path VARCHAR(255) NOT NULL,
  -- reporting.v1.FormStatus
  status INT NOT NULL,
  -- The parent's reason when returned; the reason when exempt.
  note VARCHAR(2000) NOT NULL,
  etag VARCHAR(16) NOT NULL,
  update_time VARCHAR(40) NOT NULL,
  PRIMARY KEY (organisation_id, year)
);

-- Hand fields as entered (frozen 0), and every field as submitted (frozen 1:
-- what the parent reviews and what rolls up).
CREATE TABLE statistics_form_values (
  organisation_id VARCHAR(16) NOT NULL,
  year INT NOT NULL,
  code VARCHAR(40) NOT NULL,
  frozen INT NOT NULL,
  value BIGINT NOT NULL,
  PRIMARY KEY (organisation_id, year, frozen, code)
);

-- Why a field moved beyond the allowed share from last year's approved form.
CREATE TABLE statistics_form_explanations (
  organisation_id VARCHAR(16) NOT NULL,
  year INT NOT NULL,
  code VARCHAR(40) NOT NULL,
  explanation VARCHAR(2000) NOT NULL,
  PRIMARY KEY (organisation_id, year, code)
);

-- Who did each step, and when.
CREATE TABLE statistics_form_steps (
  organisation_id VARCHAR(16) NOT NULL,
  year INT NOT NULL,
  id VARCHAR(16) NOT NULL,
  step VARCHAR(40) NOT NULL,
  key_id VARCHAR(64) NOT NULL,
  note VARCHAR(2000) NOT NULL,
  record_time VARCHAR(40) NOT NULL,
  PRIMARY KEY (organisation_id, year, id)
);
