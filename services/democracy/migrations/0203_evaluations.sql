-- Democratic evaluation (民主评议). A ballot leaves two traces that nothing
-- joins: its voter in evaluation_voters (so each votes once) and +1 on a
-- count per leader and rating in evaluation_tallies, rows made when the
-- round opened. Neither has a time, and no row is made per ballot content.
CREATE TABLE evaluation_rounds (
  id VARCHAR(16) NOT NULL PRIMARY KEY,
  session_id VARCHAR(16) NOT NULL,
  term_id VARCHAR(16) NOT NULL,
  organisation_id VARCHAR(16) NOT NULL,
  organisation_path VARCHAR(255) NOT NULL,
  title VARCHAR(400) NOT NULL,
  status INT NOT NULL,
  eligible INT NOT NULL,
  create_time VARCHAR(40) NOT NULL,
  close_time VARCHAR(40)
);
CREATE INDEX evaluation_rounds_session ON evaluation_rounds (session_id, id);

CREATE TABLE evaluation_leaders (
  round_id VARCHAR(16) NOT NULL,
  position INT NOT NULL,
  name VARCHAR(200) NOT NULL,
  post VARCHAR(200) NOT NULL,
  PRIMARY KEY (round_id, position)
);

CREATE TABLE evaluation_voters (
  round_id VARCHAR(16) NOT NULL,
  representative_id VARCHAR(16) NOT NULL,
  PRIMARY KEY (round_id, representative_id)
);

CREATE TABLE evaluation_tallies (
  round_id VARCHAR(16) NOT NULL,
  position INT NOT NULL,
  rating INT NOT NULL,
  ballots INT NOT NULL,
  PRIMARY KEY (round_id, position, rating)
);
