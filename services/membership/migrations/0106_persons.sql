-- A stable id per real person (per ID number): what other services use for
-- people (households, payments, representatives). Every membership of the
-- person carries it, kept across transfers and re-registration; it reveals
-- nothing of the ID number. Existing members get one per ID number.
ALTER TABLE members ADD COLUMN person_id VARCHAR(16);
CREATE TABLE person_backfill AS
  SELECT id_number_index, MIN(id) AS person_id FROM members
  GROUP BY id_number_index;
UPDATE members SET person_id = (SELECT b.person_id FROM person_backfill b
  WHERE b.id_number_index = members.id_number_index);
DROP TABLE person_backfill;
CREATE INDEX members_person ON members (person_id);

-- The model-worker archive is the person's: it follows them through transfers
-- without being moved, shown with the membership they hold.
ALTER TABLE model_workers ADD COLUMN person_id VARCHAR(16);
UPDATE model_workers SET person_id =
  (SELECT m.person_id FROM members m WHERE m.id = model_workers.member_id);
CREATE UNIQUE INDEX model_workers_person_title ON model_workers (person_id, title);
