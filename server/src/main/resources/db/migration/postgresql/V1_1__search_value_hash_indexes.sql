-- Equality filters on param and tag values (params.lr = '0.1') start from these indexes. Values can be longer than a
-- btree entry allows, so the index holds the value's md5; the query compares both the hash and the value itself.
CREATE INDEX params_key_value_md5 ON params (key, md5(value), run_uuid);
CREATE INDEX tags_key_value_md5 ON tags (key, md5(value), run_uuid);
