-- Congress terms of a union, their sessions and representatives.
CREATE TABLE congress_terms (
  id VARCHAR(16) NOT NULL PRIMARY KEY,
  organisation_id VARCHAR(16) NOT NULL,
  organisation_path VARCHAR(255) NOT NULL,
  kind INT NOT NULL,
  number INT NOT NULL,
  start_date VARCHAR(10) NOT NULL,
  end_date VARCHAR(10) NOT NULL,
  co_signers_required INT NOT NULL,
  -- "measure,group,bound,basis_points" per rule, ";" between rules.
  composition_rules VARCHAR(1000) NOT NULL,
  qualification_review_date VARCHAR(10),
  qualification_review_report TEXT NOT NULL,
  -- Sessions numbered so far: creating a session takes the next under the
  -- term row's lock.
  sessions_numbered INT NOT NULL,
  create_time VARCHAR(40) NOT NULL,
  etag VARCHAR(16) NOT NULL,
  UNIQUE (organisation_id, kind, number)
);
CREATE INDEX congress_terms_path ON congress_terms (organisation_path, id);

CREATE TABLE congress_sessions (
  id VARCHAR(16) NOT NULL PRIMARY KEY,
  term_id VARCHAR(16) NOT NULL,
  organisation_id VARCHAR(16) NOT NULL,
  organisation_path VARCHAR(255) NOT NULL,
  term_number INT NOT NULL,
  number INT NOT NULL,
  start_date VARCHAR(10) NOT NULL,
  end_date VARCHAR(10) NOT NULL,
  proposal_window_start_date VARCHAR(10),
  proposal_window_end_date VARCHAR(10),
  status INT NOT NULL,
  -- Agenda items placed so far (the next item's position is this + 1).
  agenda_items_placed INT NOT NULL,
  create_time VARCHAR(40) NOT NULL,
  etag VARCHAR(16) NOT NULL,
  UNIQUE (term_id, number)
);

CREATE TABLE representatives (
  id VARCHAR(16) NOT NULL PRIMARY KEY,
  term_id VARCHAR(16) NOT NULL,
  organisation_id VARCHAR(16) NOT NULL,
  organisation_path VARCHAR(255) NOT NULL,
  person_id VARCHAR(16) NOT NULL,
  group_kind INT NOT NULL,
  woman INT NOT NULL,
  age_band INT NOT NULL,
  delegation VARCHAR(200) NOT NULL,
  elected_date VARCHAR(10) NOT NULL,
  status INT NOT NULL,
  review_note VARCHAR(800) NOT NULL,
  replaces_id VARCHAR(16) NOT NULL,
  replaced_by_id VARCHAR(16) NOT NULL,
  end_date VARCHAR(10),
  end_reason VARCHAR(800) NOT NULL,
  -- The person while the mandate stands (elected or qualified), NULL once it
  -- ended or was refused: a person holds one seat per term at a time.
  seat_person_id VARCHAR(16),
  create_time VARCHAR(40) NOT NULL,
  etag VARCHAR(16) NOT NULL,
  UNIQUE (term_id, seat_person_id)
);
CREATE INDEX representatives_term ON representatives (term_id, status, id);
