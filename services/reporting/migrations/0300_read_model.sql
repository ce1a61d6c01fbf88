-- The read model: the tree as membership's feed describes it, what each
-- record contributes now, and the figures those contributions add up to.

-- Organisations, for league tables (children by parent) and for reads
-- (whether the caller covers an organisation).
CREATE TABLE organisations (
  id VARCHAR(16) NOT NULL PRIMARY KEY,
  parent_id VARCHAR(16) NOT NULL,
  path VARCHAR(255) NOT NULL,
  name VARCHAR(400) NOT NULL,
  type INT NOT NULL,
  closed INT NOT NULL
);
CREATE INDEX organisations_parent ON organisations (parent_id, id);

-- Per record ("member/<id>"), its entries as last applied, one per line:
-- "code<TAB>path<TAB>YYYYMM<TAB>value". A new state of the record applies
-- only the difference.
CREATE TABLE contributions (
  subject VARCHAR(64) NOT NULL PRIMARY KEY,
  entries TEXT NOT NULL
);

-- Sums per organisation, indicator and period. scope 0: the organisation's
-- own records; 1: its whole subtree. period: YYYYMM for a month, YYYY for a
-- year, 0 for all time (so a stock on a recent day is the all-time sum less
-- the few periods after it, and a read touches a handful of rows).
CREATE TABLE figures (
  organisation_id VARCHAR(16) NOT NULL,
  indicator VARCHAR(64) NOT NULL,
  scope INT NOT NULL,
  period INT NOT NULL,
  value BIGINT NOT NULL,
  PRIMARY KEY (organisation_id, indicator, scope, period)
);

-- Which replica consumes the feeds: one at a time, taken over when its
-- holder stops renewing.
CREATE TABLE consumer_lease (
  name VARCHAR(32) NOT NULL PRIMARY KEY,
  holder VARCHAR(128) NOT NULL,
  -- Unix microseconds.
  expire_micros BIGINT NOT NULL
);
