package dev.mlforge.features;

import java.util.List;
import java.util.Optional;

/** Persistence of the feature store's definitions (every version of each) and of each view's materialization state. */
public interface FeatureStore {
    /** What a stored definition defines. */
    enum Kind {
        ENTITY,
        FEATURE_VIEW,
        FEATURE_SERVICE
    }

    /** One version of a definition, its spec as normalized JSON. */
    record StoredSpec(Kind kind, String name, int version, String spec, long createdAt) {}

    /** Where a view's materialization stands: rows up to {@code watermark} (epoch ms; null: none yet) are online. */
    record Materialization(String viewName, int viewVersion, Long watermark, long rowsWritten, long materializedAt) {}

    Optional<StoredSpec> latest(Kind kind, String name);

    Optional<StoredSpec> version(Kind kind, String name, int version);

    /** The latest version of every definition of {@code kind}, by name. */
    List<StoredSpec> latestOfKind(Kind kind);

    /**
     * A number that changes whenever any server sharing the store applies a changed definition (definitions are only
     * ever inserted, so their count), for servers to drop the definitions they cached.
     */
    long definitionsGeneration();

    /** Inserts the given versions in one transaction. */
    void insert(List<StoredSpec> specs);

    Optional<Materialization> materialization(String viewName);

    /** Saves the view's state and counts one more materialization of it. */
    void saveMaterialization(Materialization materialization);

    /**
     * How many times each view was materialized, by any server sharing the store: a changed count tells a server that the
     * online values it cached for that view may be stale.
     */
    java.util.Map<String, Long> materializationRuns();

    /** The statistics of the view's latest materialization that wrote rows, if any. */
    Optional<FeatureStatistics> statistics(String viewName);

    /** Replaces the view's statistics. */
    void saveStatistics(FeatureStatistics statistics);
}
