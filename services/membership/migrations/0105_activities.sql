-- Activities a union held, who took part (with placings), and honours.
CREATE TABLE activities (
  id VARCHAR(16) NOT NULL PRIMARY KEY,
  organisation_id VARCHAR(16) NOT NULL,
  organisation_path VARCHAR(255) NOT NULL,
  name VARCHAR(400) NOT NULL,
  kind INT NOT NULL,
  start_date VARCHAR(10) NOT NULL,
  end_date VARCHAR(10) NOT NULL,
  location VARCHAR(400) NOT NULL,
  description TEXT NOT NULL,
  create_time VARCHAR(40) NOT NULL
);
CREATE INDEX activities_path_date ON activities (organisation_path, start_date);

CREATE TABLE participations (
  activity_id VARCHAR(16) NOT NULL,
  member_id VARCHAR(16) NOT NULL,
  award VARCHAR(80) NOT NULL,
  note VARCHAR(800) NOT NULL,
  PRIMARY KEY (activity_id, member_id)
);

CREATE TABLE honours (
  id VARCHAR(16) NOT NULL PRIMARY KEY,
  organisation_id VARCHAR(16) NOT NULL,
  organisation_path VARCHAR(255) NOT NULL,
  member_id VARCHAR(16),
  title VARCHAR(200) NOT NULL,
  level INT NOT NULL,
  awarded_by VARCHAR(400) NOT NULL,
  award_date VARCHAR(10) NOT NULL,
  create_time VARCHAR(40) NOT NULL
);
CREATE INDEX honours_path_date ON honours (organisation_path, award_date);
