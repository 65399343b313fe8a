-- A compact metric history (issue 10): the fold of the staged metric log was the serial cost of ingest (it holds the
-- write lock while it moves the log into a B-tree keyed by two long text columns). Each (run_uuid, key) becomes one
-- row of `metric_series`, and the history is keyed by its integer id: rows about half the size (more points of a
-- series per page, fewer pages dirtied and written to the WAL per fold) and integer comparisons.
-- `metrics` becomes a view with its old columns, so every reader (and `metric_points`) reads it as before.
CREATE TABLE metric_series (
    id       INTEGER PRIMARY KEY,
    run_uuid TEXT    NOT NULL,
    key      TEXT    NOT NULL,
    UNIQUE (run_uuid, key)
);

CREATE TABLE metric_history (
    series_id INTEGER NOT NULL,
    step      INTEGER NOT NULL,
    timestamp INTEGER NOT NULL,
    value     REAL    NOT NULL,
    is_nan    INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (series_id, step, timestamp, value, is_nan)
) WITHOUT ROWID;

INSERT INTO metric_series (run_uuid, key)
SELECT run_uuid, key FROM metrics UNION SELECT run_uuid, key FROM metric_log ORDER BY 1, 2;

INSERT INTO metric_history (series_id, step, timestamp, value, is_nan)
SELECT s.id, m.step, m.timestamp, m.value, m.is_nan FROM metrics m JOIN metric_series s ON s.run_uuid = m.run_uuid
AND s.key = m.key ORDER BY 1, 2, 3, 4, 5;

-- The log carries the series id (resolved by the appending transaction), so the fold moves integers only.
CREATE TABLE metric_log_v38 (
    id        INTEGER PRIMARY KEY,
    run_uuid  TEXT    NOT NULL,
    key       TEXT    NOT NULL,
    series_id INTEGER NOT NULL,
    step      INTEGER NOT NULL,
    timestamp INTEGER NOT NULL,
    value     REAL    NOT NULL,
    is_nan    INTEGER NOT NULL DEFAULT 0
);
INSERT INTO metric_log_v38 (id, run_uuid, key, series_id, step, timestamp, value, is_nan)
SELECT l.id, l.run_uuid, l.key, s.id, l.step, l.timestamp, l.value, l.is_nan FROM metric_log l
JOIN metric_series s ON s.run_uuid = l.run_uuid AND s.key = l.key ORDER BY l.id;

DROP VIEW metric_points;
DROP TABLE metric_log;
DROP TABLE metrics;
ALTER TABLE metric_log_v38 RENAME TO metric_log;
CREATE INDEX metric_log_run ON metric_log (run_uuid);

-- The history under its old name and columns.
CREATE VIEW metrics AS
SELECT s.run_uuid, s.key, h.step, h.timestamp, h.value, h.is_nan
FROM metric_series s JOIN metric_history h ON h.series_id = s.id;

-- Every metric point, folded or not, each once (as in V36; a log point already in the history is matched by series id).
CREATE VIEW metric_points AS
SELECT run_uuid, key, step, timestamp, value, is_nan FROM metrics
UNION ALL
SELECT DISTINCT l.run_uuid, l.key, l.step, l.timestamp, l.value, l.is_nan FROM metric_log l
WHERE NOT EXISTS (SELECT 1 FROM metric_history h WHERE h.series_id = l.series_id AND h.step = l.step
                  AND h.timestamp = l.timestamp AND h.value = l.value AND h.is_nan = l.is_nan);
