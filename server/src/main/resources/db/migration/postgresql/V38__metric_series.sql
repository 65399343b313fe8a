-- Nothing to change on PostgreSQL: V38 gives SQLite's metric history integer series ids (its staged metric log is
-- folded there); PostgreSQL's log-batch copies into `metrics` directly and keeps that table.
SELECT 1;
