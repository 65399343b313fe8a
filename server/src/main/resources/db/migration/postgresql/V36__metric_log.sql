-- The staged metric log (issue 10), as on SQLite so that both schemas read history the same way. PostgreSQL's
-- log-batch keeps writing `metrics` directly with binary COPY (its pages are not the bottleneck SQLite's are), so on
-- PostgreSQL this table stays empty and the view below reads `metrics` plus an empty index range.
CREATE TABLE metric_log (
    id        BIGSERIAL PRIMARY KEY,
    run_uuid  TEXT    NOT NULL,
    key       TEXT    NOT NULL,
    step      BIGINT  NOT NULL,
    timestamp BIGINT  NOT NULL,
    value     DOUBLE PRECISION NOT NULL,
    is_nan    SMALLINT NOT NULL DEFAULT 0
);
CREATE INDEX metric_log_run ON metric_log (run_uuid);

-- Every metric point, folded or not, each once: what every read of metric history goes through.
CREATE VIEW metric_points AS
SELECT run_uuid, key, step, timestamp, value, is_nan FROM metrics
UNION ALL
SELECT DISTINCT l.run_uuid, l.key, l.step, l.timestamp, l.value, l.is_nan FROM metric_log l
WHERE NOT EXISTS (SELECT 1 FROM metrics m WHERE m.run_uuid = l.run_uuid AND m.key = l.key AND m.step = l.step
                  AND m.timestamp = l.timestamp AND m.value = l.value AND m.is_nan = l.is_nan);
