package dev.mlforge.tracking;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * The latest value per (run, key) of the metric points staged in the {@link MetricLog} that {@code latest_metrics} does
 * not hold yet. Log-batch on SQLite does not upsert the latest values itself: once its transaction commits, its points
 * are merged here in memory, and {@link #apply} upserts one row per (run, key) however many batches logged the key.
 * Points a previous process left in the log are applied once from the log itself, with a window over its rows.
 * The map and the recovery flag are only touched inside write transactions, which SQLite's {@code Database} serialises.
 */
final class StagedLatestValues {
    /** MLflow's latest order: step, then timestamp, then NaN above any number, then value. */
    private static final String LATER_THAN_STORED = """
             ON CONFLICT (run_uuid, key) DO UPDATE SET step = excluded.step, timestamp = excluded.timestamp,
                value = excluded.value, is_nan = excluded.is_nan
            WHERE excluded.step > latest_metrics.step OR (excluded.step = latest_metrics.step AND
                (excluded.timestamp > latest_metrics.timestamp OR (excluded.timestamp = latest_metrics.timestamp AND
                (excluded.is_nan > latest_metrics.is_nan OR (excluded.is_nan = latest_metrics.is_nan
                AND excluded.value > latest_metrics.value)))))""";
    /** Upserts one (run, key)'s latest value where it is later than the stored one (bound as by the metric batches). */
    static final String UPSERT = "INSERT INTO latest_metrics " + MetricLog.COLUMNS + " VALUES (?, ?, ?, ?, ?, ?)"
            + LATER_THAN_STORED;
    private static final String RECOVER = """
            INSERT INTO latest_metrics (run_uuid, key, step, timestamp, value, is_nan)
            SELECT run_uuid, key, step, timestamp, value, is_nan FROM (
                SELECT run_uuid, key, step, timestamp, value, is_nan, row_number() OVER (PARTITION BY run_uuid, key
                    ORDER BY step DESC, timestamp DESC, is_nan DESC, value DESC) AS rank
                FROM metric_log)
            WHERE rank = 1""" + LATER_THAN_STORED;

    private final Map<String, Map<String, MetricEntity>> waiting = new HashMap<>();
    /** Above 0 while {@code latest_metrics} may lag the log. */
    private final AtomicLong behind;
    private boolean recovered;

    /** @param leftRows whether the log held rows when this process opened it (a previous process staged them) */
    StagedLatestValues(boolean leftRows) {
        this.recovered = !leftRows;
        this.behind = new AtomicLong(leftRows ? 1 : 0);
    }

    /** Called inside the write transaction that staged {@code metrics} of {@code runId}: they wait once it commits. */
    void staged(Handle handle, String runId, List<MetricEntity> metrics) {
        behind.incrementAndGet();
        handle.afterCommit(() -> {
            Map<String, MetricEntity> run = waiting.computeIfAbsent(runId, id -> new HashMap<>());
            for (MetricEntity metric : metrics) {
                run.merge(metric.key(), metric, (old, candidate) -> candidate.isLaterThan(old) ? candidate : old);
            }
        });
    }

    /** Whether a committed write may have staged latest values that {@code latest_metrics} does not hold yet. */
    boolean behind() {
        return behind.get() > 0;
    }

    /** Inside a write transaction: upserts every waiting latest value; once it commits, they no longer wait. */
    void apply(Handle handle) {
        long seen = behind.get();
        if (!recovered) {
            handle.execute(RECOVER);
        }
        try {
            for (Map.Entry<String, Map<String, MetricEntity>> run : waiting.entrySet()) {
                JdbiTrackingStore.executeMetricBatch(handle, UPSERT, run.getKey(), run.getValue().values());
            }
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException("Cannot store latest metric values", e, null);
        }
        handle.afterCommit(() -> {
            waiting.clear();
            recovered = true;
            behind.addAndGet(-seen);
        });
    }
}
