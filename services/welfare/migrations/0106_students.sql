-- 金秋助学: members' children in school. A school year's award is an aid
-- application in a 金秋助学 campaign naming the student; it is re-verified
-- (still enrolled, household still eligible) before it is paid.
CREATE TABLE students (
  id VARCHAR(16) NOT NULL PRIMARY KEY,
  person_id VARCHAR(16) NOT NULL,
  organisation_id VARCHAR(16) NOT NULL,
  organisation_path VARCHAR(255) NOT NULL,
  -- A child's name identifies a person: AES-256-GCM under the data key.
  name_cipher MEDIUMBLOB NOT NULL,
  school VARCHAR(800) NOT NULL,
  level INT NOT NULL,
  admission_year INT NOT NULL,
  create_time VARCHAR(40) NOT NULL,
  update_time VARCHAR(40) NOT NULL,
  etag VARCHAR(16) NOT NULL
);
CREATE INDEX students_path ON students (organisation_path, id);
CREATE INDEX students_person ON students (person_id);

ALTER TABLE aid_applications ADD COLUMN student_id VARCHAR(16) NOT NULL DEFAULT '';
ALTER TABLE aid_applications ADD COLUMN school_year INT NOT NULL DEFAULT 0;
ALTER TABLE aid_applications ADD COLUMN student_verified_date VARCHAR(10) NOT NULL DEFAULT '';
CREATE INDEX aid_applications_student ON aid_applications (student_id, school_year)
