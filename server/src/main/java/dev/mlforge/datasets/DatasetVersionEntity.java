package dev.mlforge.datasets;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;

/**
 * One registered version of a dataset: immutable content addressed by the SHA-256 of its bytes.
 *
 * @param version      1, 2, ... per dataset name, in registration order
 * @param sha256       full SHA-256 of the file's bytes (64 hex chars)
 * @param digest       the first 32 hex chars of {@code sha256}: MLflow's dataset {@code digest} (at most 36 chars)
 * @param artifactPath where the file lives in the artifact repository
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
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
        Instant createdAt) {

    /** The summary without the profile, for listings. */
    public DatasetVersionEntity withoutProfile() {
        return new DatasetVersionEntity(name, version, sha256, digest, rowCount, sizeBytes, schema, List.of(), artifactPath, createdAt);
    }
}
