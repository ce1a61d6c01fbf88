-- Committee terms (届) with the election that opened each, and their officers.
CREATE TABLE committee_terms (
  id VARCHAR(16) NOT NULL PRIMARY KEY,
  organisation_id VARCHAR(16) NOT NULL,
  organisation_path VARCHAR(255) NOT NULL,
  term_number INT NOT NULL,
  start_date VARCHAR(10) NOT NULL,
  length_years INT NOT NULL,
  election_date VARCHAR(10) NOT NULL,
  eligible_voters INT NOT NULL,
  voters_present INT NOT NULL,
  election_method VARCHAR(800) NOT NULL,
  state INT NOT NULL,
  end_date VARCHAR(10),
  create_time VARCHAR(40) NOT NULL,
  UNIQUE (organisation_id, term_number)
);

CREATE TABLE officers (
  id VARCHAR(16) NOT NULL PRIMARY KEY,
  term_id VARCHAR(16) NOT NULL,
  member_id VARCHAR(16) NOT NULL,
  position INT NOT NULL,
  votes_for INT NOT NULL,
  start_date VARCHAR(10) NOT NULL,
  end_date VARCHAR(10),
  end_reason VARCHAR(2000) NOT NULL,
  create_time VARCHAR(40) NOT NULL
);
CREATE INDEX officers_term ON officers (term_id);
