-- The union-founding register: enterprises of an area and where each stands.
CREATE TABLE enterprises (
  id VARCHAR(16) NOT NULL PRIMARY KEY,
  organisation_id VARCHAR(16) NOT NULL,
  organisation_path VARCHAR(255) NOT NULL,
  name VARCHAR(400) NOT NULL,
  credit_code VARCHAR(18),
  employees INT NOT NULL,
  required_to_found INT NOT NULL,
  founding_status INT NOT NULL,
  applied_date VARCHAR(10),
  founded_date VARCHAR(10),
  union_organisation_id VARCHAR(16),
  union_organisation_path VARCHAR(255),
  create_time VARCHAR(40) NOT NULL,
  update_time VARCHAR(40) NOT NULL,
  etag VARCHAR(16) NOT NULL,
  UNIQUE (credit_code)
);
CREATE INDEX enterprises_path_name ON enterprises (organisation_path, name, id);
