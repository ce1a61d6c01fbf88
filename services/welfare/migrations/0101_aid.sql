-- Aid: funds with budgets, campaigns paying from them, applications through
-- review and approval, and payments (one per application, ever).
CREATE TABLE funds (
  id VARCHAR(16) NOT NULL PRIMARY KEY,
  organisation_id VARCHAR(16) NOT NULL,
  organisation_path VARCHAR(255) NOT NULL,
  year INT NOT NULL,
  name VARCHAR(400) NOT NULL,
  budget_fen BIGINT NOT NULL,
  committed_fen BIGINT NOT NULL,
  paid_fen BIGINT NOT NULL,
  create_time VARCHAR(40) NOT NULL,
  update_time VARCHAR(40) NOT NULL,
  etag VARCHAR(16) NOT NULL,
  UNIQUE (organisation_id, year, name)
);
CREATE INDEX funds_path ON funds (organisation_path, id);

CREATE TABLE campaigns (
  id VARCHAR(16) NOT NULL PRIMARY KEY,
  organisation_id VARCHAR(16) NOT NULL,
  organisation_path VARCHAR(255) NOT NULL,
  name VARCHAR(400) NOT NULL,
  kind INT NOT NULL,
  start_date VARCHAR(10) NOT NULL,
  end_date VARCHAR(10) NOT NULL,
  fund_id VARCHAR(16) NOT NULL,
  eligibility INT NOT NULL,
  -- Eligible hardship levels as bits: 1 << level.
  level_mask INT NOT NULL,
  min_amount_fen BIGINT NOT NULL,
  max_amount_fen BIGINT NOT NULL,
  cap_per_person_fen BIGINT NOT NULL,
  status INT NOT NULL,
  create_time VARCHAR(40) NOT NULL,
  update_time VARCHAR(40) NOT NULL,
  etag VARCHAR(16) NOT NULL
);
CREATE INDEX campaigns_path ON campaigns (organisation_path, id);

CREATE TABLE aid_applications (
  id VARCHAR(16) NOT NULL PRIMARY KEY,
  campaign_id VARCHAR(16) NOT NULL,
  campaign_path VARCHAR(255) NOT NULL,
  person_id VARCHAR(16) NOT NULL,
  member_id VARCHAR(16) NOT NULL,
  organisation_id VARCHAR(16) NOT NULL,
  organisation_path VARCHAR(255) NOT NULL,
  hardship_file_id VARCHAR(16),
  requested_fen BIGINT NOT NULL,
  approved_fen BIGINT NOT NULL,
  reason VARCHAR(2000) NOT NULL,
  status INT NOT NULL,
  rejection_reason VARCHAR(2000) NOT NULL,
  applied_by_key_id VARCHAR(64) NOT NULL,
  create_time VARCHAR(40) NOT NULL,
  update_time VARCHAR(40) NOT NULL,
  etag VARCHAR(16) NOT NULL
);
CREATE INDEX aid_applications_path ON aid_applications (organisation_path, id);
CREATE INDEX aid_applications_person ON aid_applications (campaign_id, person_id);

-- Steps are ordered by their time-ordered ids.
CREATE TABLE aid_application_steps (
  application_id VARCHAR(16) NOT NULL,
  id VARCHAR(16) NOT NULL,
  step VARCHAR(40) NOT NULL,
  note VARCHAR(2000) NOT NULL,
  key_id VARCHAR(64) NOT NULL,
  record_time VARCHAR(40) NOT NULL,
  PRIMARY KEY (application_id, id)
);

CREATE TABLE aid_payments (
  id VARCHAR(16) NOT NULL PRIMARY KEY,
  -- One payment per application, even under concurrent retries.
  application_id VARCHAR(16) NOT NULL UNIQUE,
  campaign_id VARCHAR(16) NOT NULL,
  campaign_kind INT NOT NULL,
  fund_id VARCHAR(16) NOT NULL,
  organisation_id VARCHAR(16) NOT NULL,
  organisation_path VARCHAR(255) NOT NULL,
  recipient_path VARCHAR(255) NOT NULL,
  person_id VARCHAR(16) NOT NULL,
  amount_fen BIGINT NOT NULL,
  paid_date VARCHAR(10) NOT NULL,
  paid_year INT NOT NULL,
  flagged INT NOT NULL,
  -- One reason per line.
  flag_reasons VARCHAR(2000) NOT NULL,
  paid_by_key_id VARCHAR(64) NOT NULL,
  create_time VARCHAR(40) NOT NULL
);
CREATE INDEX aid_payments_path ON aid_payments (organisation_path, id);
CREATE INDEX aid_payments_recipient ON aid_payments (recipient_path, id);
CREATE INDEX aid_payments_person ON aid_payments (person_id, paid_year);
