-- run_name LIKE 'prefix%' reads a range of this index instead of every run of the experiment (text_pattern_ops:
-- LIKE compares characters, not the database collation's order).
CREATE INDEX runs_experiment_name ON runs (experiment_id, lifecycle_stage, name text_pattern_ops);
