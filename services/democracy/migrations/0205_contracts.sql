-- Collective contracts (集体合同), approved by a congress vote and renewed
-- with the link kept both ways.
CREATE TABLE collective_contracts (
  id VARCHAR(16) NOT NULL PRIMARY KEY,
  organisation_id VARCHAR(16) NOT NULL,
  organisation_path VARCHAR(255) NOT NULL,
  kind INT NOT NULL,
  title VARCHAR(400) NOT NULL,
  employer VARCHAR(400) NOT NULL,
  start_date VARCHAR(10) NOT NULL,
  end_date VARCHAR(10) NOT NULL,
  workers_covered INT NOT NULL,
  status INT NOT NULL,
  approval_vote_id VARCHAR(16) NOT NULL,
  approved_date VARCHAR(10),
  previous_contract_id VARCHAR(16) NOT NULL,
  renewed_by_id VARCHAR(16) NOT NULL,
  create_time VARCHAR(40) NOT NULL,
  etag VARCHAR(16) NOT NULL
);
CREATE INDEX collective_contracts_path ON collective_contracts (organisation_path, id);
CREATE INDEX collective_contracts_end ON collective_contracts (status, end_date);
