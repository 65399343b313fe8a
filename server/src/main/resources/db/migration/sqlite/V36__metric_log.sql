-- The staged metric log (issue 10): log-batch appends metric points here in the request's transaction, in rowid
-- order, and the tracking feature's folder moves them into the key-clustered history table `metrics` in large
-- transactions ordered by (run_uuid, key, step), so that a key's points of many batches share a page. A batch of
-- 1000 distinct keys then writes a few sequential pages instead of one page of `metrics` per key.
-- The only index is on run_uuid: its entries of one run are appended in rowid order, so inserts stay sequential.
CREATE TABLE metric_log (
    id        INTEGER PRIMARY KEY,
    run_uuid  TEXT    NOT NULL,
    key       TEXT    NOT NULL,
    step      INTEGER NOT NULL,
    timestamp INTEGER NOT NULL,
    value     REAL    NOT NULL,
    is_nan    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX metric_log_run ON metric_log (run_uuid);

-- Every metric point, folded or not, each once: what every read of metric history goes through. A point in both
-- tables, or twice in the log (logged twice before a fold), is one point, as `metrics`' all-column primary key makes it.
CREATE VIEW metric_points AS
SELECT run_uuid, key, step, timestamp, value, is_nan FROM metrics
UNION ALL
SELECT DISTINCT l.run_uuid, l.key, l.step, l.timestamp, l.value, l.is_nan FROM metric_log l
WHERE NOT EXISTS (SELECT 1 FROM metrics m WHERE m.run_uuid = l.run_uuid AND m.key = l.key AND m.step = l.step
                  AND m.timestamp = l.timestamp AND m.value = l.value AND m.is_nan = l.is_nan);
