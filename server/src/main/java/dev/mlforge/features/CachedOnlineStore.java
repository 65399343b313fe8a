package dev.mlforge.features;

import com.github.benmanes.caffeine.cache.CacheLoader;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.mlforge.concurrent.DaemonThreads;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An in-process cache in front of an online store: lookups of hot keys never leave the JVM. Writes and clears go
 * through it, so this server's materializations are seen at once; other servers' when {@link MaterializationFollower}
 * next looks. A value read {@code refresh} after it was loaded is answered from the cache and reloaded in the
 * background ({@code executor}), so hot keys never wait for the store on the request thread (with a plain expiry,
 * 100,000 keys at 1,000 lookups a second made most lookups a store read once the first minute had passed); a value
 * not read within twice {@code refresh} is dropped, which bounds how stale a cold key can be.
 *
 * <p>Each value turns stale at its own time, between three quarters of {@code refresh} and {@code refresh} after it was
 * loaded (Caffeine's {@code refreshAfterWrite} is one fixed interval): the keys a burst of traffic or a warm-up loaded
 * together would otherwise turn stale together, and under steady traffic they are read soon after and reloaded
 * together again, so the burst of reloads on the cache's thread came back every interval.
 */
final class CachedOnlineStore implements OnlineStore {
    private record CacheKey(String view, String entityKey) {}

    /**
     * A cached row (absent keys are cached too, as an empty Optional, so a missing entity costs one store read per
     * refresh) and the ticker time from which it is stale.
     */
    private record Cached(Optional<OnlineRow> row, long staleAtNanos) {}

    private final OnlineStore backing;
    private final LoadingCache<CacheKey, Cached> cache;
    private final Ticker ticker;

    /** The reloads' own daemon thread (null when the executor was given): see the constructor. */
    private final ExecutorService ownExecutor;

    /**
     * Reloads and the cache's upkeep run on one daemon thread of its own, not on the common ForkJoinPool (Caffeine's
     * default). With fewer than 3 cores that pool has a parallelism of 1, and {@code CompletableFuture} then runs
     * each task it is given for the common pool on a new thread: each stale key read started a thread, on the request
     * thread, inside the lock of Caffeine's map of reloads in flight. The keys a burst of traffic loaded turn stale
     * together, so a minute later every lookup paid a thread start and queued on that lock: the stalls of 0.3-6 s at
     * 1,000 and 5,000 req/s (a JFR recording showed 8,000 reload threads and request threads blocked in
     * {@code refreshIfNeeded}). A queue in front of one thread costs the reader an offer.
     */
    CachedOnlineStore(OnlineStore backing, long maximumSize, Duration refresh) {
        this(backing, maximumSize, refresh, Ticker.systemTicker());
    }

    CachedOnlineStore(OnlineStore backing, long maximumSize, Duration refresh, Ticker ticker) {
        this(backing, maximumSize, refresh, ticker,
                Executors.newSingleThreadExecutor(DaemonThreads.named("mlforge-online-cache")), true);
    }

    CachedOnlineStore(OnlineStore backing, long maximumSize, Duration refresh, Ticker ticker, Executor executor) {
        this(backing, maximumSize, refresh, ticker, executor, false);
    }

    private CachedOnlineStore(OnlineStore backing, long maximumSize, Duration refresh, Ticker ticker, Executor executor,
            boolean owned) {
        this.backing = backing;
        this.ownExecutor = owned ? (ExecutorService) executor : null;
        this.ticker = ticker;
        // Sized for its maximum from the start: a cold cache (a start, or a materialization's invalidations) is filled by
        // request threads loading missing keys inside the map's bin locks, and while the table was still growing from
        // 16 bins, JFR showed request threads waiting 20-200 ms on a bin another thread was loading into.
        this.cache = Caffeine.newBuilder().initialCapacity((int) Math.min(maximumSize, 1 << 17)).maximumSize(maximumSize)
                .expireAfterWrite(refresh.multipliedBy(2)).ticker(ticker)
                .executor(executor).build(new Loader(backing, ticker, refresh.toNanos()));
    }

    /** The cached value of {@code key}, loaded when missing; reloaded in the background once it is stale. */
    private Optional<OnlineRow> fresh(CacheKey key, Cached cached) {
        if (ticker.read() - cached.staleAtNanos() >= 0) {
            cache.refresh(key); // one reload in flight a key: Caffeine hands a second caller the first one's
        }
        return cached.row();
    }

    /**
     * Reads missing and stale keys from the store, one read per view for a batch. Stale keys are queued and reloaded
     * together by one task on the executor: the keys a burst loaded turn stale together, and 4,000 single-key reads
     * in a few seconds took a core from the request threads.
     */
    private static final class Loader implements CacheLoader<CacheKey, Cached> {
        private static final int BATCH = 500;

        private record Reload(CacheKey key, CompletableFuture<Cached> answer) {}

        private final OnlineStore backing;
        private final Ticker ticker;
        private final long refreshNanos;
        private final Queue<Reload> reloads = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean flushQueued = new AtomicBoolean();

        Loader(OnlineStore backing, Ticker ticker, long refreshNanos) {
            this.backing = backing;
            this.ticker = ticker;
            this.refreshNanos = refreshNanos;
        }

        /** {@code row} as loaded now: stale at a random time between 3/4 of the refresh interval and all of it. */
        private Cached cached(OnlineRow row) {
            long early = ThreadLocalRandom.current().nextLong(refreshNanos / 4 + 1);
            return new Cached(Optional.ofNullable(row), ticker.read() + refreshNanos - early);
        }

        @Override
        public Cached load(CacheKey key) {
            return cached(backing.read(key.view(), List.of(key.entityKey())).get(key.entityKey()));
        }

        @Override
        public Map<CacheKey, Cached> loadAll(Set<? extends CacheKey> keys) {
            Map<String, List<String>> byView = new HashMap<>();
            keys.forEach(key -> byView.computeIfAbsent(key.view(), view -> new ArrayList<>()).add(key.entityKey()));
            Map<CacheKey, Cached> loaded = new HashMap<>();
            byView.forEach((view, entityKeys) -> {
                Map<String, OnlineRow> rows = backing.read(view, entityKeys);
                entityKeys.forEach(key -> loaded.put(new CacheKey(view, key), cached(rows.get(key))));
            });
            return loaded;
        }

        @Override
        public CompletableFuture<Cached> asyncReload(CacheKey key, Cached oldValue, Executor executor) {
            CompletableFuture<Cached> answer = new CompletableFuture<>();
            reloads.add(new Reload(key, answer));
            if (flushQueued.compareAndSet(false, true)) {
                executor.execute(this::flush);
            }
            return answer;
        }

        /** Reloads every queued key, up to {@link #BATCH} keys a store read; a failed read keeps the old values. */
        private void flush() {
            flushQueued.set(false); // a key queued from here on schedules another flush (which may find it gone)
            List<Reload> batch = new ArrayList<>();
            for (Reload reload = reloads.poll(); reload != null; reload = reloads.poll()) {
                batch.add(reload);
                if (batch.size() == BATCH) {
                    reload(batch);
                    batch.clear();
                }
            }
            if (!batch.isEmpty()) {
                reload(batch);
            }
        }

        private void reload(List<Reload> batch) {
            Map<CacheKey, Cached> loaded;
            try {
                loaded = loadAll(batch.stream().map(Reload::key).collect(java.util.stream.Collectors.toSet()));
            } catch (RuntimeException e) {
                batch.forEach(reload -> reload.answer().completeExceptionally(e));
                return;
            }
            batch.forEach(reload -> reload.answer().complete(loaded.getOrDefault(reload.key(), cached(null))));
        }
    }

    @Override
    public void write(String viewName, List<OnlineRow> rows) {
        backing.write(viewName, rows);
        rows.forEach(row -> cache.invalidate(new CacheKey(viewName, row.entityKey())));
    }

    @Override
    public Map<String, OnlineRow> read(String viewName, Collection<String> entityKeys) {
        if (entityKeys.size() == 1) {
            // the common one-entity lookup: one cache read, without getAll's per-call maps and lists
            String entityKey = entityKeys.iterator().next();
            CacheKey key = new CacheKey(viewName, entityKey);
            Optional<OnlineRow> row = fresh(key, cache.get(key));
            return row.isPresent() ? Map.of(entityKey, row.get()) : Map.of();
        }
        List<CacheKey> keys = new ArrayList<>(entityKeys.size());
        entityKeys.forEach(key -> keys.add(new CacheKey(viewName, key)));
        Map<String, OnlineRow> found = new LinkedHashMap<>();
        cache.getAll(keys).forEach((key, cached) -> fresh(key, cached).ifPresent(value -> found.put(key.entityKey(), value)));
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
        if (ownExecutor != null) {
            ownExecutor.shutdownNow();
        }
        backing.close();
    }
}
