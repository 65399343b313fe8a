package dev.mlforge.datasets;

import java.util.List;
import java.util.Optional;

/** Persists dataset versions. */
interface DatasetStore {
    /**
     * Stores {@code candidate} under the next version number of its name, atomically, unless a version with the
     * same name and SHA-256 exists: then that one is returned unchanged.
     */
    DatasetVersion insertIfAbsent(DatasetVersion candidate);

    Optional<DatasetVersion> findBySha256(String name, String sha256);

    Optional<DatasetVersion> find(String name, int version);

    /** The version whose digest or full SHA-256 starts with {@code digestPrefix}. */
    Optional<DatasetVersion> findByDigest(String name, String digestPrefix);

    List<DatasetVersion> versions(String name);

    List<DatasetSummary> datasets();
}
