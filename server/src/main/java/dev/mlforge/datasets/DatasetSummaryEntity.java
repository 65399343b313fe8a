package dev.mlforge.datasets;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;

/** A dataset name with its version count and latest version. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record DatasetSummaryEntity(String name, int versionCount, int latestVersion, String latestDigest, Instant updatedAt) {}
