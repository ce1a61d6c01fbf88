-- Donation drives with their running totals, the donations pledged and
-- received, and what was given from them.
CREATE TABLE donation_drives (
  id VARCHAR(16) NOT NULL PRIMARY KEY,
  organisation_id VARCHAR(16) NOT NULL,
  organisation_path VARCHAR(255) NOT NULL,
  name VARCHAR(400) NOT NULL,
  purpose INT NOT NULL,
  start_date VARCHAR(10) NOT NULL,
  end_date VARCHAR(10) NOT NULL,
  status INT NOT NULL,
  pledged_fen BIGINT NOT NULL,
  received_fen BIGINT NOT NULL,
  allocated_fen BIGINT NOT NULL,
  pledged_items BIGINT NOT NULL,
  received_items BIGINT NOT NULL,
  allocated_items BIGINT NOT NULL,
  donations BIGINT NOT NULL,
  create_time VARCHAR(40) NOT NULL,
  update_time VARCHAR(40) NOT NULL,
  etag VARCHAR(16) NOT NULL
);
CREATE INDEX donation_drives_path ON donation_drives (organisation_path, id);

CREATE TABLE donations (
  id VARCHAR(16) NOT NULL PRIMARY KEY,
  drive_id VARCHAR(16) NOT NULL,
  organisation_path VARCHAR(255) NOT NULL,
  person_id VARCHAR(16),
  donor_unit VARCHAR(200) NOT NULL,
  form INT NOT NULL,
  pledged BIGINT NOT NULL,
  received BIGINT NOT NULL,
  item_description VARCHAR(400) NOT NULL,
  pledge_date VARCHAR(10) NOT NULL,
  create_time VARCHAR(40) NOT NULL
);
CREATE INDEX donations_drive ON donations (drive_id, id);

CREATE TABLE donation_allocations (
  id VARCHAR(16) NOT NULL PRIMARY KEY,
  drive_id VARCHAR(16) NOT NULL,
  organisation_path VARCHAR(255) NOT NULL,
  person_id VARCHAR(16),
  beneficiary VARCHAR(400) NOT NULL,
  form INT NOT NULL,
  amount BIGINT NOT NULL,
  allocation_date VARCHAR(10) NOT NULL,
  create_time VARCHAR(40) NOT NULL
);
CREATE INDEX donation_allocations_drive ON donation_allocations (drive_id, id);
