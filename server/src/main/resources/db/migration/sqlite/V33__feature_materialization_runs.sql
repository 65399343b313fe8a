-- Counts each view's materializations, so servers sharing the store drop the online values they cached when another
-- one materializes (their in-process cache would otherwise serve the old values until it expires).
ALTER TABLE feature_materializations ADD COLUMN runs BIGINT NOT NULL DEFAULT 1;
