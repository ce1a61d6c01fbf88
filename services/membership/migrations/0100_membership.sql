-- The organisation tree. path is the materialised path of ids from the root, so a
-- subtree is one range scan: path LIKE '/root/district/%'.
CREATE TABLE organisations (
  id VARCHAR(16) NOT NULL PRIMARY KEY,
  parent_id VARCHAR(16),
  name VARCHAR(200) NOT NULL,
  type INT NOT NULL,
  path VARCHAR(255) NOT NULL UNIQUE,
  state INT NOT NULL,
  create_time VARCHAR(40) NOT NULL,
  update_time VARCHAR(40) NOT NULL,
  etag VARCHAR(16) NOT NULL
);
CREATE INDEX organisations_parent ON organisations (parent_id, path);

-- Members. 身份证号 and phone are stored only as AES-GCM ciphertext plus a keyed hash
-- for equality search; nothing in this table reveals them without the data key.
-- holder_index repeats the keyed hash while the membership is held (active or
-- retired) and is NULL once it ended: its UNIQUE index is what refuses a second
-- membership of one person anywhere in the federation (NULLs never collide).
CREATE TABLE members (
  id VARCHAR(16) NOT NULL PRIMARY KEY,
  organisation_id VARCHAR(16) NOT NULL,
  organisation_path VARCHAR(255) NOT NULL,
  name VARCHAR(200) NOT NULL,
  id_number_cipher BLOB NOT NULL,
  id_number_index VARCHAR(64) NOT NULL,
  holder_index VARCHAR(64) UNIQUE,
  phone_cipher BLOB,
  sex INT NOT NULL,
  birth_date VARCHAR(10) NOT NULL,
  employment_type INT NOT NULL,
  join_date VARCHAR(10) NOT NULL,
  status INT NOT NULL,
  status_date VARCHAR(10) NOT NULL,
  transferred_from_member_id VARCHAR(16),
  transferred_to_member_id VARCHAR(16),
  created_by_key_id VARCHAR(64) NOT NULL,
  create_time VARCHAR(40) NOT NULL,
  update_time VARCHAR(40) NOT NULL,
  etag VARCHAR(16) NOT NULL
);
CREATE INDEX members_path_name ON members (organisation_path, name, id);
CREATE INDEX members_id_number ON members (id_number_index);

-- Dated history of every membership after its registration (the registration itself
-- is the member row: join_date, create_time, created_by_key_id).
CREATE TABLE member_status_changes (
  id VARCHAR(16) NOT NULL PRIMARY KEY,
  member_id VARCHAR(16) NOT NULL,
  from_status INT NOT NULL,
  to_status INT NOT NULL,
  effective_date VARCHAR(10) NOT NULL,
  reason VARCHAR(2000) NOT NULL,
  organisation_id VARCHAR(16) NOT NULL,
  actor_key_id VARCHAR(64) NOT NULL,
  record_time VARCHAR(40) NOT NULL
);
CREATE INDEX member_status_changes_member ON member_status_changes (member_id, record_time);
