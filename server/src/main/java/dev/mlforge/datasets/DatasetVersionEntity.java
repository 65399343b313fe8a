package dev.mlforge.datasets;

import java.time.Instant;
import java.util.List;

/**
 * One registered version of a dataset: immutable content addressed by the SHA-256 of its bytes. The routes answer
 * with its wire twin {@link dev.mlforge.api.datasets.DatasetVersion}.
 *
 * @param version      1, 2, ... per dataset name, in registration order
 * @param sha256       full SHA-256 of the file's bytes (64 hex chars)
 * @param digest       the first 32 hex chars of {@code sha256}: MLflow's dataset {@code digest} (at most 36 chars)
 * @param artifactPath where the file lives in the artifact repository
 */
public record DatasetVersionEntity(
        String name,
        int version,
        String sha256,
        String digest,
        long rowCount,
        long sizeBytes,
        List<DatasetColumn> schema,
        List<ColumnStatistics> profile,
        String artifactPath,
        Instant createdAt) {}
