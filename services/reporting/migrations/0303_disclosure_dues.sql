-- Disclosure completeness (公开完成率): what reporting keeps of democracy's
-- catalogue lines and their items, because a line's dues change with the day
-- as well as with its items, and are counted again on either.

-- A scheduled catalogue line. schedule: months per period (1, 3 or 12).
-- added_date: from when it counts. next_due: the first due date after the day
-- its dues were last counted (YYYY-MM-DD), when they are to be counted again.
CREATE TABLE disclosure_lines (
  id VARCHAR(16) NOT NULL PRIMARY KEY,
  path VARCHAR(255) NOT NULL,
  schedule INT NOT NULL,
  grace_days INT NOT NULL,
  added_date VARCHAR(10) NOT NULL,
  next_due VARCHAR(10) NOT NULL
);
CREATE INDEX disclosure_lines_next_due ON disclosure_lines (next_due);

-- Items disclosed for a line's period, with the day each was disclosed: the
-- first of a period decides whether it was on time.
CREATE TABLE disclosures (
  item_id VARCHAR(16) NOT NULL PRIMARY KEY,
  line_id VARCHAR(16) NOT NULL,
  period VARCHAR(10) NOT NULL,
  disclosed_date VARCHAR(10) NOT NULL
);
CREATE INDEX disclosures_line ON disclosures (line_id, period);
