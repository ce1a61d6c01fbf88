-- A retried request gets back what its first run answered, in full: for a
-- create the id of what it made (as resource_id held before), for an import
-- its whole report, rejected rows included. Rows written before this migration
-- keep their answer in resource_id.
ALTER TABLE idempotency_keys ADD COLUMN answer MEDIUMBLOB NULL;
