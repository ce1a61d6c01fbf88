-- The persons who have ended a membership (left, deceased, transferred out),
-- with their person id. A new registration keeps the id of a person seen
-- before, and a person who holds a membership now cannot register again
-- (holder_index), so this small table is all a registration must look up:
-- probing every membership's ID-number index was a sixth of a roster import.
CREATE TABLE former_persons (
  id_number_index VARCHAR(64) NOT NULL PRIMARY KEY,
  person_id VARCHAR(16) NOT NULL
);
INSERT INTO former_persons (id_number_index, person_id)
  SELECT id_number_index, MIN(person_id) FROM members
  WHERE holder_index IS NULL GROUP BY id_number_index;
