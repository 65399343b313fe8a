package dev.mlforge.tracking;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * The integer id of each metric series, one (run, key), of SQLite's compact history (V38 {@code metric_series}): the
 * staged metric log carries it, so that the fold sorts and inserts integers into {@code metric_history} instead of two
 * text columns. Ids are cached in memory once the transaction that read or created them committed (a rolled back
 * transaction may have created ids that no longer exist); a miss inserts the missing series and reads their ids
 * inside the appending transaction. The cache holds at most {@value #MAX_CACHED} series: past that it drops the runs
 * least likely to log again (Caffeine's frequency and recency policy), not the whole cache at once, so the runs still
 * logging keep their ids.
 */
final class MetricSeries {
    static final int MAX_CACHED = 1_000_000;
    /**
     * Keys read back per statement: a log-batch's 1,000 metrics at most (MLflow's limit) in one, far below SQLite's
     * 32,766 bound variables. One SELECT per key cost a statement step per new series.
     */
    static final int KEYS_PER_SELECT = 1_000;

    /** Run id -> key -> series id; weighed by series, evicted on the caller's thread (no pool on 2 cores). */
    private final Cache<String, Map<String, Long>> cached;

    MetricSeries() {
        this(MAX_CACHED);
    }

    /** A cache of at most {@code maxCached} series. */
    MetricSeries(long maxCached) {
        cached = Caffeine.newBuilder()
                .maximumWeight(maxCached)
                .weigher((String runId, Map<String, Long> ids) -> ids.size())
                .executor(Runnable::run)
                .build();
    }

    /**
     * The series id of each of {@code metrics} of {@code runId}, in order, creating the missing series inside the write
     * transaction of {@code handle}.
     */
    long[] ids(Handle handle, String runId, List<MetricEntity> metrics) throws SQLException {
        Map<String, Long> known = cached.getIfPresent(runId);
        if (known == null) {
            known = Map.of();
        }
        Set<String> missing = new LinkedHashSet<>();
        for (MetricEntity metric : metrics) {
            if (!known.containsKey(metric.key())) {
                missing.add(metric.key());
            }
        }
        Map<String, Long> all = known;
        if (!missing.isEmpty()) {
            all = new HashMap<>(known);
            all.putAll(create(handle.getConnection(), runId, missing));
            Map<String, Long> found = all;
            handle.afterCommit(() -> remember(runId, found));
        }
        long[] ids = new long[metrics.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = all.get(metrics.get(i).key());
        }
        return ids;
    }

    /** Inserts the series of {@code keys} not stored yet and reads their ids. */
    private static Map<String, Long> create(Connection connection, String runId, Set<String> keys) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO metric_series (run_uuid, key) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
            for (String key : keys) {
                insert.setString(1, runId);
                insert.setString(2, key);
                insert.addBatch();
            }
            insert.executeBatch();
        }
        Map<String, Long> ids = new HashMap<>();
        List<String> ordered = List.copyOf(keys);
        for (int from = 0; from < ordered.size(); from += KEYS_PER_SELECT) {
            List<String> chunk = ordered.subList(from, Math.min(ordered.size(), from + KEYS_PER_SELECT));
            readIds(connection, runId, chunk, ids);
        }
        return ids;
    }

    /** Puts the id of each of {@code keys} of {@code runId} in {@code ids}: one statement for the chunk. */
    private static void readIds(Connection connection, String runId, List<String> keys, Map<String, Long> ids)
            throws SQLException {
        String placeholders = String.join(", ", Collections.nCopies(keys.size(), "?"));
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT key, id FROM metric_series WHERE run_uuid = ? AND key IN (" + placeholders + ")")) {
            select.setString(1, runId);
            for (int i = 0; i < keys.size(); i++) {
                select.setString(i + 2, keys.get(i));
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ids.put(rows.getString(1), rows.getLong(2));
                }
            }
        }
        if (!ids.keySet().containsAll(keys)) {
            throw new SQLException("Metric series of run " + runId + " missing after their insert");
        }
    }

    private void remember(String runId, Map<String, Long> ids) {
        cached.put(runId, Map.copyOf(ids));
    }

    /** How many series ids the cache holds now. */
    long cachedSeries() {
        cached.cleanUp();
        return cached.policy().eviction().orElseThrow().weightedSize().orElseThrow();
    }
}
