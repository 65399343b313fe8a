-- The statistics of each feature view's latest materialization (per feature: count, nulls, distinct, min, max, mean),
-- as JSON: what drift reports and the statistics route read.
CREATE TABLE feature_statistics (
    view_name    VARCHAR(256) PRIMARY KEY,
    view_version INTEGER      NOT NULL,
    computed_at  BIGINT       NOT NULL,
    row_count    BIGINT       NOT NULL,
    statistics   TEXT         NOT NULL
);
