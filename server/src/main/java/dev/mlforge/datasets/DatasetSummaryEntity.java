package dev.mlforge.datasets;

import java.time.Instant;

/** A dataset name with its version count and latest version. */
public record DatasetSummaryEntity(String name, int versionCount, int latestVersion, String latestDigest, Instant updatedAt) {}
