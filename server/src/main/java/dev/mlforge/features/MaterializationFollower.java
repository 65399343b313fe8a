package dev.mlforge.features;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Keeps the in-process cache of online values in step with materializations run by other servers sharing the store:
 * each look compares every view's materialization count with the one seen before, and drops the cached values of the
 * views that changed (a view seen for the first time counts as changed).
 */
final class MaterializationFollower {
    private final FeatureStore store;
    private final CachedOnlineStore cache;
    private final Map<String, Long> seen = new HashMap<>();

    MaterializationFollower(FeatureStore store, CachedOnlineStore cache) {
        this.store = store;
        this.cache = cache;
    }

    /** Drops the cached values of every view materialized since the last look; answers how many views that was. */
    synchronized int follow() {
        int changed = 0;
        for (Map.Entry<String, Long> runs : store.materializationRuns().entrySet()) {
            if (!Objects.equals(seen.put(runs.getKey(), runs.getValue()), runs.getValue())) {
                cache.forget(runs.getKey());
                changed++;
            }
        }
        return changed;
    }
}
