package dev.mlforge.features;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlforge.features.OnlineStore.OnlineRow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The online cache answers hot keys without the store: stale values are reloaded in the background, local writes are
 * seen at once, keys loaded together turn stale at spread times, and keys left unread for twice the refresh interval
 * are read again on the caller's thread.
 */
class CachedOnlineStoreTest {
    /** Another server's writes: straight to the store, behind the cache's back. */
    private final InMemoryStore store = new InMemoryStore();
    private final AtomicLong nanos = new AtomicLong();
    /** Background reloads wait here until the test runs them. */
    private final List<Runnable> background = new ArrayList<>();
    private final CachedOnlineStore cache = new CachedOnlineStore(store, 1_000, Duration.ofSeconds(60), nanos::get,
            background::add);

    @Test
    void a_stale_value_is_answered_from_the_cache_and_reloaded_in_the_background() {
        store.put("v", row("1001", 1));
        assertThat(value(cache.read("v", List.of("1001")))).isEqualTo(1);
        store.put("v", row("1001", 2));
        nanos.addAndGet(Duration.ofSeconds(61).toNanos());
        int readsBefore = store.reads.get();

        assertThat(value(cache.read("v", List.of("1001")))).isEqualTo(1);
        assertThat(store.reads.get()).as("no store read on the caller's thread").isEqualTo(readsBefore);
        runBackground();
        assertThat(store.reads.get()).as("reloaded in the background").isEqualTo(readsBefore + 1);
        assertThat(value(cache.read("v", List.of("1001")))).isEqualTo(2);
    }

    @Test
    void local_writes_are_seen_at_once_and_cold_keys_are_read_again_after_twice_the_refresh() {
        store.put("v", row("1001", 1));
        assertThat(cache.read("v", List.of("1001", "1002"))).containsOnlyKeys("1001");
        cache.write("v", List.of(row("1002", 5)));
        assertThat(value(cache.read("v", List.of("1002")))).isEqualTo(5);

        store.put("v", row("1001", 3));
        nanos.addAndGet(Duration.ofSeconds(121).toNanos());
        // expired: read again on the caller's thread, with nothing run in the background
        assertThat(value(cache.read("v", List.of("1001")))).isEqualTo(3);
    }

    @Test
    void stale_keys_are_reloaded_on_the_cache_s_one_thread_not_a_new_thread_each() throws Exception {
        Map<String, Integer> readers = new ConcurrentHashMap<>();
        InMemoryStore counting = new InMemoryStore() {
            @Override
            public Map<String, OnlineRow> read(String viewName, Collection<String> entityKeys) {
                readers.merge(Thread.currentThread().getName(), 1, Integer::sum);
                return super.read(viewName, entityKeys);
            }
        };
        try (CachedOnlineStore owned = new CachedOnlineStore(counting, 1_000, Duration.ofSeconds(60), nanos::get)) {
            for (int key = 0; key < 50; key++) {
                counting.put("v", row(String.valueOf(key), key));
                owned.read("v", List.of(String.valueOf(key)));
                counting.put("v", row(String.valueOf(key), key + 100));
            }
            readers.clear();
            nanos.addAndGet(Duration.ofSeconds(61).toNanos());
            for (int key = 0; key < 50; key++) {
                // the old value, or the new one when its reload was quick enough to finish before the read returned
                assertThat(value(owned.read("v", List.of(String.valueOf(key))))).isIn(key, key + 100);
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!reloaded(owned, 50) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(reloaded(owned, 50)).as("the 50 stale keys reloaded").isTrue();
            // before: with a common pool of parallelism 1 (2 cores), each reload ran on a thread of its own
            assertThat(readers).as("the threads that reloaded the 50 stale keys").containsOnlyKeys("mlforge-online-cache");
        }
    }

    @Test
    void stale_keys_read_together_are_reloaded_in_one_store_read() {
        for (int key = 0; key < 50; key++) {
            store.put("v", row(String.valueOf(key), key));
            cache.read("v", List.of(String.valueOf(key)));
        }
        for (int key = 0; key < 50; key++) {
            store.put("v", row(String.valueOf(key), key + 100));
        }
        nanos.addAndGet(Duration.ofSeconds(61).toNanos());
        int readsBefore = store.reads.get();
        for (int key = 0; key < 50; key++) {
            assertThat(value(cache.read("v", List.of(String.valueOf(key))))).isEqualTo(key);
        }
        runBackground();

        assertThat(store.reads.get()).as("one store read for the 50 stale keys").isEqualTo(readsBefore + 1);
        for (int key = 0; key < 50; key++) {
            assertThat(value(cache.read("v", List.of(String.valueOf(key))))).isEqualTo(key + 100);
        }
    }

    @Test
    void keys_loaded_together_turn_stale_at_spread_times_within_the_refresh_interval() {
        for (int key = 0; key < 200; key++) {
            store.put("v", row(String.valueOf(key), key));
            cache.read("v", List.of(String.valueOf(key)));
            store.put("v", row(String.valueOf(key), key + 1000));
        }
        nanos.addAndGet(Duration.ofSeconds(44).toNanos());
        assertThat(reloadedAfterReadingAll(200)).as("keys stale before 3/4 of the 60 s refresh").isZero();

        nanos.addAndGet(Duration.ofSeconds(8).toNanos()); // 52 s: about half the keys are stale (uniform over 45-60 s)
        assertThat(reloadedAfterReadingAll(200)).as("keys stale at 52 s of 45-60 s").isBetween(40, 160);

        nanos.addAndGet(Duration.ofSeconds(9).toNanos()); // 61 s: every key
        assertThat(reloadedAfterReadingAll(200)).as("keys stale after the whole refresh interval").isEqualTo(200);
    }

    /** Reads keys 0 to {@code keys - 1} once, runs the reloads that queued, and counts the keys now answered anew. */
    private int reloadedAfterReadingAll(int keys) {
        for (int key = 0; key < keys; key++) {
            cache.read("v", List.of(String.valueOf(key)));
        }
        runBackground();
        int reloaded = 0;
        for (int key = 0; key < keys; key++) {
            if (Integer.valueOf(key + 1000).equals(value(cache.read("v", List.of(String.valueOf(key)))))) {
                reloaded++;
            }
        }
        return reloaded;
    }

    /** True when the cache answers the store's newer values (key + 100) for keys 0 to {@code keys - 1}. */
    private static boolean reloaded(CachedOnlineStore cache, int keys) {
        for (int key = 0; key < keys; key++) {
            if (!Integer.valueOf(key + 100).equals(value(cache.read("v", List.of(String.valueOf(key)))))) {
                return false;
            }
        }
        return true;
    }

    /** Runs the reloads (and the cache's upkeep) queued so far. */
    private void runBackground() {
        while (!background.isEmpty()) {
            background.remove(0).run();
        }
    }

    private static OnlineRow row(String key, int value) {
        return new OnlineRow(key, 0, Map.of("x", value));
    }

    private static Object value(Map<String, OnlineRow> rows) {
        return rows.values().iterator().next().values().get("x");
    }

    /** An online store in a map, counting reads. */
    private static class InMemoryStore implements OnlineStore {
        private final Map<String, Map<String, OnlineRow>> views = new ConcurrentHashMap<>();
        final AtomicInteger reads = new AtomicInteger();

        void put(String view, OnlineRow row) {
            views.computeIfAbsent(view, name -> new ConcurrentHashMap<>()).put(row.entityKey(), row);
        }

        @Override
        public void write(String viewName, List<OnlineRow> rows) {
            rows.forEach(row -> put(viewName, row));
        }

        @Override
        public Map<String, OnlineRow> read(String viewName, Collection<String> entityKeys) {
            reads.incrementAndGet();
            Map<String, OnlineRow> found = new HashMap<>();
            Map<String, OnlineRow> rows = views.getOrDefault(viewName, Map.of());
            entityKeys.stream().filter(rows::containsKey).forEach(key -> found.put(key, rows.get(key)));
            return found;
        }

        @Override
        public void clear(String viewName) {
            views.remove(viewName);
        }
    }
}
