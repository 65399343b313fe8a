-- Traces linked to runs (MLflow 3's LinkTracesToRun, its entity associations of a trace to a run): a search by
-- run_id finds a trace through its mlflow.sourceRun metadata or through a link here.
CREATE TABLE trace_run_links (
    trace_id TEXT NOT NULL,
    run_id   TEXT NOT NULL,
    PRIMARY KEY (trace_id, run_id)
) WITHOUT ROWID;
CREATE INDEX trace_run_links_run ON trace_run_links (run_id, trace_id);
