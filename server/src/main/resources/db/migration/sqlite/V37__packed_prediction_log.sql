-- The prediction log stores tensors in a compact binary form (little-endian arrays, see PackedTensors) instead of
-- JSON text: new rows leave inputs/outputs empty and fill inputs_bin/outputs_bin. row_count is the request's input
-- rows, which serving.prediction-log.max-rows bounds per deployment (rows logged before count as one).
ALTER TABLE serving_predictions ADD COLUMN inputs_bin BLOB;
ALTER TABLE serving_predictions ADD COLUMN outputs_bin BLOB;
ALTER TABLE serving_predictions ADD COLUMN row_count BIGINT NOT NULL DEFAULT 1;
