-- A search ordered by a metric walks this index in value order, NaN values kept apart by is_nan, without reading
-- the table for is_nan; metric filters (key = ? AND is_nan = 0 AND value > ?) use it too, so it replaces the
-- (key, value, run_uuid) index. PostgreSQL got the same index in V6.
CREATE INDEX latest_metrics_key_nan_value ON latest_metrics (key, is_nan, value, run_uuid);
DROP INDEX latest_metrics_key_value;

-- run_name LIKE 'prefix%' (a GLOB on SQLite) reads a range of this index instead of every run of the experiment.
CREATE INDEX runs_experiment_name ON runs (experiment_id, lifecycle_stage, name);
