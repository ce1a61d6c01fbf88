-- Proposals (提案) of a session: the forms, their authors and co-signers,
-- their history, and each union's departments that answer them.
ALTER TABLE congress_sessions ADD COLUMN proposals_numbered INT NOT NULL DEFAULT 0;

CREATE TABLE proposals (
  id VARCHAR(16) NOT NULL PRIMARY KEY,
  session_id VARCHAR(16) NOT NULL,
  term_id VARCHAR(16) NOT NULL,
  organisation_id VARCHAR(16) NOT NULL,
  organisation_path VARCHAR(255) NOT NULL,
  number INT NOT NULL,
  title VARCHAR(400) NOT NULL,
  content TEXT NOT NULL,
  proposer_id VARCHAR(16) NOT NULL,
  status INT NOT NULL,
  triage_reason VARCHAR(800) NOT NULL,
  merged_into_id VARCHAR(16) NOT NULL,
  department VARCHAR(200) NOT NULL,
  reply_deadline VARCHAR(10),
  reply TEXT NOT NULL,
  reply_date VARCHAR(10),
  -- Whether the last reply came by its deadline (for "replied on time").
  replied_on_time INT NOT NULL,
  rating INT NOT NULL,
  reopened INT NOT NULL,
  published_date VARCHAR(10),
  submitted_date VARCHAR(10) NOT NULL,
  create_time VARCHAR(40) NOT NULL,
  etag VARCHAR(16) NOT NULL,
  UNIQUE (session_id, number)
);

-- Authors (role 1, the proposer first) and co-signers (role 2), in order.
CREATE TABLE proposal_signers (
  proposal_id VARCHAR(16) NOT NULL,
  representative_id VARCHAR(16) NOT NULL,
  role INT NOT NULL,
  position INT NOT NULL,
  PRIMARY KEY (proposal_id, representative_id)
);

CREATE TABLE proposal_steps (
  proposal_id VARCHAR(16) NOT NULL,
  id VARCHAR(16) NOT NULL,
  action VARCHAR(40) NOT NULL,
  status INT NOT NULL,
  note VARCHAR(800) NOT NULL,
  key_id VARCHAR(64) NOT NULL,
  record_time VARCHAR(40) NOT NULL,
  PRIMARY KEY (proposal_id, id)
);

CREATE TABLE proposal_departments (
  organisation_id VARCHAR(16) NOT NULL,
  position INT NOT NULL,
  name VARCHAR(200) NOT NULL,
  PRIMARY KEY (organisation_id, position)
);
