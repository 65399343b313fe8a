package dev.mlforge.features;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An in-process cache in front of an online store: lookups of hot keys never leave the JVM. Writes and clears go
 * through it, so this server's materializations are seen at once; other servers' when {@link MaterializationFollower}
 * next looks, and within {@code expiry} at the latest.
 */
final class CachedOnlineStore implements OnlineStore {
    private record CacheKey(String view, String entityKey) {}

    private final OnlineStore backing;
    /** Absent keys are cached too (an empty Optional), so a missing entity costs one store read per expiry. */
    private final Cache<CacheKey, Optional<OnlineRow>> cache;

    CachedOnlineStore(OnlineStore backing, long maximumSize, Duration expiry) {
        this.backing = backing;
        this.cache = Caffeine.newBuilder().maximumSize(maximumSize).expireAfterWrite(expiry).build();
    }

    @Override
    public void write(String viewName, List<OnlineRow> rows) {
        backing.write(viewName, rows);
        rows.forEach(row -> cache.invalidate(new CacheKey(viewName, row.entityKey())));
    }

    @Override
    public Map<String, OnlineRow> read(String viewName, Collection<String> entityKeys) {
        Map<String, OnlineRow> found = new HashMap<>();
        List<String> missing = new ArrayList<>();
        for (String key : entityKeys) {
            Optional<OnlineRow> cached = cache.getIfPresent(new CacheKey(viewName, key));
            if (cached == null) {
                missing.add(key);
            } else {
                cached.ifPresent(row -> found.put(key, row));
            }
        }
        if (!missing.isEmpty()) {
            Map<String, OnlineRow> loaded = backing.read(viewName, missing);
            for (String key : missing) {
                OnlineRow row = loaded.get(key);
                cache.put(new CacheKey(viewName, key), Optional.ofNullable(row));
                if (row != null) {
                    found.put(key, row);
                }
            }
        }
        return found;
    }

    @Override
    public void clear(String viewName) {
        backing.clear(viewName);
        forget(viewName);
    }

    /** Drops this process's cached values of a view (another server materialized it); the store keeps them. */
    void forget(String viewName) {
        cache.asMap().keySet().removeIf(key -> key.view().equals(viewName));
    }

    @Override
    public void close() {
        backing.close();
    }
}
