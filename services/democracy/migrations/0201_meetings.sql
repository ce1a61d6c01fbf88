-- A session's agenda, attendance, votes and ballots.
CREATE TABLE agenda_items (
  id VARCHAR(16) NOT NULL PRIMARY KEY,
  session_id VARCHAR(16) NOT NULL,
  organisation_id VARCHAR(16) NOT NULL,
  organisation_path VARCHAR(255) NOT NULL,
  position INT NOT NULL,
  kind INT NOT NULL,
  title VARCHAR(400) NOT NULL,
  description TEXT NOT NULL,
  create_time VARCHAR(40) NOT NULL,
  UNIQUE (session_id, position)
);

CREATE TABLE attendance (
  session_id VARCHAR(16) NOT NULL,
  representative_id VARCHAR(16) NOT NULL,
  status INT NOT NULL,
  note VARCHAR(800) NOT NULL,
  PRIMARY KEY (session_id, representative_id)
);

CREATE TABLE votes (
  id VARCHAR(16) NOT NULL PRIMARY KEY,
  agenda_item_id VARCHAR(16) NOT NULL,
  session_id VARCHAR(16) NOT NULL,
  term_id VARCHAR(16) NOT NULL,
  organisation_id VARCHAR(16) NOT NULL,
  organisation_path VARCHAR(255) NOT NULL,
  question VARCHAR(800) NOT NULL,
  status INT NOT NULL,
  representatives INT NOT NULL,
  present INT NOT NULL,
  votes_for INT NOT NULL,
  votes_against INT NOT NULL,
  abstentions INT NOT NULL,
  outcome INT NOT NULL,
  resolution_text TEXT NOT NULL,
  open_time VARCHAR(40) NOT NULL,
  close_time VARCHAR(40)
);
CREATE INDEX votes_session ON votes (session_id, id);

-- One row per representative and vote: the primary key is "one vote each".
CREATE TABLE ballots (
  vote_id VARCHAR(16) NOT NULL,
  representative_id VARCHAR(16) NOT NULL,
  choice INT NOT NULL,
  PRIMARY KEY (vote_id, representative_id)
);
