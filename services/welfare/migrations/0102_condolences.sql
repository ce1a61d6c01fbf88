-- Condolence standards per union and event (versioned by effective date) and
-- the visits recorded under them.
CREATE TABLE condolence_standards (
  id VARCHAR(16) NOT NULL PRIMARY KEY,
  organisation_id VARCHAR(16) NOT NULL,
  organisation_path VARCHAR(255) NOT NULL,
  event INT NOT NULL,
  effective_date VARCHAR(10) NOT NULL,
  min_amount_fen BIGINT NOT NULL,
  max_amount_fen BIGINT NOT NULL,
  paying_level INT NOT NULL,
  form INT NOT NULL,
  max_visits_per_year INT NOT NULL,
  max_fen_per_year BIGINT NOT NULL,
  create_time VARCHAR(40) NOT NULL,
  UNIQUE (organisation_id, event, effective_date)
);

CREATE TABLE condolence_visits (
  id VARCHAR(16) NOT NULL PRIMARY KEY,
  person_id VARCHAR(16) NOT NULL,
  member_id VARCHAR(16) NOT NULL,
  organisation_id VARCHAR(16) NOT NULL,
  organisation_path VARCHAR(255) NOT NULL,
  event INT NOT NULL,
  visit_date VARCHAR(10) NOT NULL,
  visit_year INT NOT NULL,
  amount_fen BIGINT NOT NULL,
  form INT NOT NULL,
  paying_level INT NOT NULL,
  standard_id VARCHAR(16) NOT NULL,
  standard_organisation_id VARCHAR(16) NOT NULL,
  note VARCHAR(800) NOT NULL,
  create_time VARCHAR(40) NOT NULL
);
CREATE INDEX condolence_visits_path ON condolence_visits (organisation_path, id);
CREATE INDEX condolence_visits_person ON condolence_visits (person_id, event, visit_year);
