package dev.mlforge.datasets;

import java.util.List;
import java.util.Optional;

/** Persists dataset versions. */
interface DatasetStore {
    /**
     * Stores {@code candidate} under the next version number of its name, atomically, unless a version with the
     * same name and SHA-256 exists: then that one is returned unchanged.
     */
    DatasetVersionEntity insertIfAbsent(DatasetVersionEntity candidate);

    Optional<DatasetVersionEntity> findBySha256(String name, String sha256);

    Optional<DatasetVersionEntity> find(String name, int version);

    /** The version whose digest or full SHA-256 starts with {@code digestPrefix}. */
    Optional<DatasetVersionEntity> findByDigest(String name, String digestPrefix);

    List<DatasetVersionEntity> versions(String name);

    List<DatasetSummaryEntity> datasets();
}
