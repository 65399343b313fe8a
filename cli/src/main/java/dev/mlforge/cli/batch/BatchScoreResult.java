package dev.mlforge.cli.batch;

/**
 * What a batch-scoring job did.
 *
 * @param runId        the tracked run that records it
 * @param modelName    the registered model's name (null for a {@code runs:/} or {@code models:/m-<id>} URI)
 * @param modelVersion the version scored (null for a {@code runs:/} or {@code models:/m-<id>} URI)
 * @param rows         how many rows were scored and written
 * @param seconds      the scoring job's wall time
 * @param output       where the Parquet result is
 */
public record BatchScoreResult(String runId, String modelName, String modelVersion, long rows, double seconds, String output) {}
