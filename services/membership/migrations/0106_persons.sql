-- One row per real person (per ID number, through its keyed hash): a stable id
-- that other services use for people (households, payments, representatives),
-- kept across transfers and re-registration and revealing nothing of the ID
-- number. Existing members get the person of their ID number.
CREATE TABLE persons (
  id VARCHAR(16) NOT NULL PRIMARY KEY,
  id_number_index VARCHAR(64) NOT NULL UNIQUE,
  create_time VARCHAR(40) NOT NULL
);
INSERT INTO persons (id, id_number_index, create_time)
  SELECT MIN(id), id_number_index, MIN(create_time) FROM members
  GROUP BY id_number_index;
ALTER TABLE members ADD COLUMN person_id VARCHAR(16);
UPDATE members SET person_id =
  (SELECT p.id FROM persons p WHERE p.id_number_index = members.id_number_index);
CREATE INDEX members_person ON members (person_id, create_time);

-- The model-worker archive is the person's: it follows them through transfers
-- without being moved, shown with their newest membership.
ALTER TABLE model_workers ADD COLUMN person_id VARCHAR(16);
UPDATE model_workers SET person_id =
  (SELECT m.person_id FROM members m WHERE m.id = model_workers.member_id);
CREATE UNIQUE INDEX model_workers_person_title ON model_workers (person_id, title);
