-- The distinct param, metric and tag keys logged to each experiment's runs, kept on write (issue 14): the UI's
-- column chooser pages through them without reading every (run, key) row of the experiment, which grew with
-- runs x keys (207 ms at 25,000 runs). A key stays listed after its run is deleted. mlflow.* tags are not kept.
CREATE TABLE experiment_keys (
    experiment_id INTEGER NOT NULL REFERENCES experiments (experiment_id),
    kind          TEXT    NOT NULL,
    key           TEXT    NOT NULL,
    PRIMARY KEY (experiment_id, kind, key)
) WITHOUT ROWID;

INSERT INTO experiment_keys (experiment_id, kind, key)
SELECT DISTINCT r.experiment_id, 'metrics', k.key FROM runs r JOIN latest_metrics k ON k.run_uuid = r.run_uuid;
INSERT INTO experiment_keys (experiment_id, kind, key)
SELECT DISTINCT r.experiment_id, 'params', k.key FROM runs r JOIN params k ON k.run_uuid = r.run_uuid;
INSERT INTO experiment_keys (experiment_id, kind, key)
SELECT DISTINCT r.experiment_id, 'tags', k.key FROM runs r JOIN tags k ON k.run_uuid = r.run_uuid
WHERE k.key NOT LIKE 'mlflow.%';
