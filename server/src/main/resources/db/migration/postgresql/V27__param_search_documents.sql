-- Searches ordered by a param or tag read values in order from these indexes and stop after a page, instead of
-- sorting every run's value (issue 10). A value can be longer than a btree entry allows, so the index holds its first
-- 200 characters in the "C" collation (byte order: a value sorts with its prefix, so ordering by the prefix and then by
-- the whole value is exactly the order of the values); the search sorts values that share a prefix by the rest.
CREATE INDEX params_key_value_prefix ON params (key, (left(value, 200) COLLATE "C"), run_uuid);
CREATE INDEX tags_key_value_prefix ON tags (key, (left(value, 200) COLLATE "C"), run_uuid);

-- Each run's params and tags as one jsonb object each, kept by the store in the transaction that writes the rows of
-- params and tags. An equality filter is a containment test (params_doc @> '{"lr": "0.1"}') that one GIN index
-- answers for any number of clauses at once, or that a walk checks on the run row it reads anyway; with one row per
-- (run, key) a search of 8 param clauses probed about 14,000 index entries.
ALTER TABLE runs ADD COLUMN params_doc JSONB NOT NULL DEFAULT '{}';
ALTER TABLE runs ADD COLUMN tags_doc JSONB NOT NULL DEFAULT '{}';
UPDATE runs r SET params_doc = d.doc
FROM (SELECT run_uuid, jsonb_object_agg(key, value) AS doc FROM params GROUP BY run_uuid) d
WHERE d.run_uuid = r.run_uuid;
UPDATE runs r SET tags_doc = d.doc
FROM (SELECT run_uuid, jsonb_object_agg(key, value) AS doc FROM tags GROUP BY run_uuid) d
WHERE d.run_uuid = r.run_uuid;
CREATE INDEX runs_params_doc ON runs USING gin (params_doc jsonb_path_ops);
CREATE INDEX runs_tags_doc ON runs USING gin (tags_doc jsonb_path_ops);

-- Equality filters no longer read the (key, md5(value)) indexes of V1_1: they would only cost every write.
DROP INDEX params_key_value_md5;
DROP INDEX tags_key_value_md5;
DROP STATISTICS params_value_md5_dependency;
DROP STATISTICS tags_value_md5_dependency;

ANALYZE runs;
ANALYZE params;
ANALYZE tags;
