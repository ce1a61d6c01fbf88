-- Mutual-aid insurance: one enrolment per person, plan and year, and the
-- claims on it.
CREATE TABLE insurance_enrolments (
  id VARCHAR(16) NOT NULL PRIMARY KEY,
  person_id VARCHAR(16) NOT NULL,
  organisation_id VARCHAR(16) NOT NULL,
  organisation_path VARCHAR(255) NOT NULL,
  plan INT NOT NULL,
  year INT NOT NULL,
  premium_fen BIGINT NOT NULL,
  coverage_fen BIGINT NOT NULL,
  paid_out_fen BIGINT NOT NULL,
  create_time VARCHAR(40) NOT NULL,
  UNIQUE (person_id, plan, year)
);
CREATE INDEX insurance_enrolments_path ON insurance_enrolments (organisation_path, id);

CREATE TABLE insurance_claims (
  id VARCHAR(16) NOT NULL PRIMARY KEY,
  enrolment_id VARCHAR(16) NOT NULL,
  organisation_path VARCHAR(255) NOT NULL,
  event_date VARCHAR(10) NOT NULL,
  description VARCHAR(800) NOT NULL,
  claimed_fen BIGINT NOT NULL,
  status INT NOT NULL,
  payout_fen BIGINT NOT NULL,
  decision_date VARCHAR(10),
  rejection_reason VARCHAR(800) NOT NULL,
  create_time VARCHAR(40) NOT NULL
);
CREATE INDEX insurance_claims_path ON insurance_claims (organisation_path, id);
