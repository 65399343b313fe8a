-- A search ordered by a metric walks this index in value order, NaN values kept apart by is_nan, and stops after a
-- page: filters are checked per run on the way instead of sorting every run the filters match. Metric filters
-- (key = ? AND is_nan = 0 AND value > ?) use it too, so it replaces the (key, value, run_uuid) index.
CREATE INDEX latest_metrics_key_nan_value ON latest_metrics (key, is_nan, value, run_uuid);
DROP INDEX latest_metrics_key_value;

-- An equality filter on a param or tag compares both md5(value) (to use the index of V1_1) and the value itself.
-- Without these statistics the planner multiplies the two selectivities as if independent, expects a tenth of
-- the real rows, and then prefers sorting every match to walking the ordered index above.
CREATE STATISTICS params_value_md5_dependency (dependencies) ON value, md5(value) FROM params;
CREATE STATISTICS tags_value_md5_dependency (dependencies) ON value, md5(value) FROM tags;
ANALYZE params;
ANALYZE tags;
