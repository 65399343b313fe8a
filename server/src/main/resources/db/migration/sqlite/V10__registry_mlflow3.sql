-- MLflow 3: a model version may be registered from a logged model (models:/m-<id>, the model_id field), and its
-- files may arrive after it is registered (files_recorded stays 0 until a manifest of present files is taken).
ALTER TABLE model_versions ADD COLUMN logged_model_id VARCHAR(64);
ALTER TABLE model_versions ADD COLUMN files_recorded SMALLINT NOT NULL DEFAULT 1;

-- Prompts are registry entries tagged mlflow.prompt.is_prompt = 'true'; every search that leaves them out checks
-- these rows, so each is one index probe instead of a read of all of a model's tags.
CREATE INDEX idx_registered_model_tags_prompt ON registered_model_tags (model_id)
    WHERE key = 'mlflow.prompt.is_prompt' AND value = 'true';
CREATE INDEX idx_model_version_tags_prompt ON model_version_tags (model_id)
    WHERE key = 'mlflow.prompt.is_prompt' AND value = 'true';
