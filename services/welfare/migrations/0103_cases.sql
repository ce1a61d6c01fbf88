-- Letters, visits and rights cases, and the days each union promises to
-- answer in (五日承诺制; five unless set).
CREATE TABLE cases (
  id VARCHAR(16) NOT NULL PRIMARY KEY,
  organisation_id VARCHAR(16) NOT NULL,
  organisation_path VARCHAR(255) NOT NULL,
  received_by_organisation_id VARCHAR(16) NOT NULL,
  received_by_path VARCHAR(255) NOT NULL,
  kind INT NOT NULL,
  channel INT NOT NULL,
  category INT NOT NULL,
  person_id VARCHAR(16),
  summary VARCHAR(2000) NOT NULL,
  received_date VARCHAR(10) NOT NULL,
  due_date VARCHAR(10) NOT NULL,
  status INT NOT NULL,
  assignee VARCHAR(200) NOT NULL,
  escalations INT NOT NULL,
  outcome VARCHAR(2000) NOT NULL,
  money_recovered_fen BIGINT NOT NULL,
  resolved_date VARCHAR(10),
  satisfaction INT NOT NULL,
  create_time VARCHAR(40) NOT NULL,
  update_time VARCHAR(40) NOT NULL,
  etag VARCHAR(16) NOT NULL
);
CREATE INDEX cases_path ON cases (organisation_path, id);
CREATE INDEX cases_received_by ON cases (received_by_path, id);

CREATE TABLE case_promises (
  organisation_id VARCHAR(16) NOT NULL PRIMARY KEY,
  promise_days INT NOT NULL,
  update_time VARCHAR(40) NOT NULL
);
