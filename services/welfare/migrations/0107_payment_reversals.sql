-- A payment made in error is reversed, not deleted: it stays listed, with
-- when, why and by whom, and no longer counts (stacking alerts, reporting).
ALTER TABLE aid_payments ADD COLUMN reversed_date VARCHAR(10);
ALTER TABLE aid_payments ADD COLUMN reversal_reason VARCHAR(2000) NOT NULL DEFAULT '';
ALTER TABLE aid_payments ADD COLUMN reversed_by_key_id VARCHAR(64) NOT NULL DEFAULT '';
