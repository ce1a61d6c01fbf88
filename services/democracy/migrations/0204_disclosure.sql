-- Disclosure (校务公开 / 厂务公开): each union's catalogue of what must be
-- disclosed, the items disclosed with their publicity periods, objections.
CREATE TABLE disclosure_catalogue (
  id VARCHAR(16) NOT NULL PRIMARY KEY,
  organisation_id VARCHAR(16) NOT NULL,
  organisation_path VARCHAR(255) NOT NULL,
  category INT NOT NULL,
  title VARCHAR(400) NOT NULL,
  frequency INT NOT NULL,
  grace_days INT NOT NULL,
  create_time VARCHAR(40) NOT NULL
);
CREATE INDEX disclosure_catalogue_organisation ON disclosure_catalogue (organisation_id, id);

CREATE TABLE disclosure_items (
  id VARCHAR(16) NOT NULL PRIMARY KEY,
  organisation_id VARCHAR(16) NOT NULL,
  organisation_path VARCHAR(255) NOT NULL,
  category INT NOT NULL,
  title VARCHAR(400) NOT NULL,
  content TEXT NOT NULL,
  catalogue_entry_id VARCHAR(16) NOT NULL,
  period VARCHAR(10) NOT NULL,
  publicity_start_date VARCHAR(10) NOT NULL,
  publicity_end_date VARCHAR(10) NOT NULL,
  objections INT NOT NULL,
  open_objections INT NOT NULL,
  create_time VARCHAR(40) NOT NULL
);
CREATE INDEX disclosure_items_path ON disclosure_items (organisation_path, id);
CREATE INDEX disclosure_items_entry ON disclosure_items (catalogue_entry_id, period);

CREATE TABLE disclosure_objections (
  id VARCHAR(16) NOT NULL PRIMARY KEY,
  item_id VARCHAR(16) NOT NULL,
  organisation_path VARCHAR(255) NOT NULL,
  filed_date VARCHAR(10) NOT NULL,
  content TEXT NOT NULL,
  answered INT NOT NULL,
  answer TEXT NOT NULL,
  answered_date VARCHAR(10),
  upheld INT NOT NULL,
  create_time VARCHAR(40) NOT NULL
);
CREATE INDEX disclosure_objections_item ON disclosure_objections (item_id, id);
