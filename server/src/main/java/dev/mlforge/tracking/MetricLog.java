package dev.mlforge.tracking;

import dev.mlforge.store.Database;
import dev.mlforge.store.Dialect;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.jdbi.v3.core.Handle;

/**
 * The staged metric log of SQLite (V36 {@code metric_log}): log-batch appends its metric points there in the request's
 * transaction, in rowid order, and {@link #fold} moves them into the key-clustered history table {@code metrics}
 * ordered by (run, key, step), so that one key's points of many batches land on one page. Measured reason: a batch of
 * 1000 distinct keys inserted straight into {@code metrics} writes about one page per key (the table is clustered by
 * key), while an append-order table takes the same rows about ten times cheaper. Reads go through the
 * {@code metric_points} view, which sees both tables. On PostgreSQL log-batch keeps copying into {@code metrics}
 * directly ({@link PostgresMetricCopy}) and the log stays empty.
 *
 * <p>The latest value per (run, key) in {@code latest_metrics} is also brought forward from the log, not per request:
 * {@link #catchUpLatest} applies the rows appended since the last catch-up in one statement (one upsert per key, however
 * many batches logged it), and every read of latest values (run reads, searches, the runs table) calls it first, so a
 * run's latest metric is right immediately after the acknowledged write. {@link #fold} catches up before it moves.
 */
public final class MetricLog {
    static final String COLUMNS = "(run_uuid, key, step, timestamp, value, is_nan)";

    private final Database database;
    private final boolean staged;
    private final AtomicLong pending = new AtomicLong();
    /**
     * Rows appended whose latest values {@code latest_metrics} may not hold yet; it starts at 1 because a previous
     * process may have left rows in the log. Read without the write lock by readers; changed inside write transactions.
     */
    private final AtomicLong latestBehind = new AtomicLong(1);
    /** The highest {@code metric_log} id applied to {@code latest_metrics}; the log's ids start over once a fold empties it. */
    private volatile long latestApplied;
    private volatile LongConsumer listener = rows -> {};

    public MetricLog(Database database) {
        this.database = database;
        this.staged = database.dialect() == Dialect.SQLITE;
    }

    /** True when log-batch stages metric points in the log (SQLite). */
    boolean staged() {
        return staged;
    }

    /** Counts rows a write transaction appended; called inside it, so that it orders with {@link #fold}. */
    void appended(int rows) {
        latestBehind.addAndGet(rows);
        listener.accept(pending.addAndGet(rows));
    }

    /**
     * Brings {@code latest_metrics} up to every committed append (nothing to do when no append happened since the last
     * catch-up, or on PostgreSQL, whose log-batch upserts the latest values itself). Call before reading latest values.
     */
    void catchUpLatest() {
        if (staged && latestBehind.get() > 0) {
            database.write(handle -> {
                long seen = latestBehind.get();
                long top = handle.createQuery("SELECT coalesce(max(id), 0) FROM metric_log").mapTo(Long.class).one();
                applyLatest(handle);
                handle.afterCommit(() -> {
                    latestApplied = top;
                    latestBehind.addAndGet(-seen);
                });
                return null;
            });
        }
    }

    /**
     * Upserts, per (run, key) of the rows after {@link #latestApplied}, the latest of them (MLflow's order: step, then
     * timestamp, then value, NaN above any number) where it is later than the stored one.
     */
    private void applyLatest(Handle handle) {
        handle.execute("""
                INSERT INTO latest_metrics (run_uuid, key, step, timestamp, value, is_nan)
                SELECT run_uuid, key, step, timestamp, value, is_nan FROM (
                    SELECT run_uuid, key, step, timestamp, value, is_nan, row_number() OVER (PARTITION BY run_uuid, key
                        ORDER BY step DESC, timestamp DESC, is_nan DESC, value DESC) AS rank
                    FROM metric_log WHERE id > ?)
                WHERE rank = 1
                ON CONFLICT (run_uuid, key) DO UPDATE SET step = excluded.step, timestamp = excluded.timestamp,
                    value = excluded.value, is_nan = excluded.is_nan
                WHERE excluded.step > latest_metrics.step OR (excluded.step = latest_metrics.step AND
                    (excluded.timestamp > latest_metrics.timestamp OR (excluded.timestamp = latest_metrics.timestamp AND
                    (excluded.is_nan > latest_metrics.is_nan OR (excluded.is_nan = latest_metrics.is_nan
                    AND excluded.value > latest_metrics.value)))))""", latestApplied);
    }

    /** Rows appended since the last fold, as counted by {@link #appended}. */
    long pending() {
        return pending.get();
    }

    /** Tells {@code onAppend} the rows waiting after each append (the folder's size trigger). */
    void onAppend(LongConsumer onAppend) {
        this.listener = onAppend;
    }

    /**
     * Moves every row of the log into {@code metrics} in one write transaction, ordered by the history's primary key,
     * skipping points already stored (MLflow's rule: a point logged twice is stored once), then empties the log;
     * first it brings {@code latest_metrics} up to the log ({@link #catchUpLatest}).
     * Readers see the points in the log before and in the table after, never neither nor both.
     *
     * @return the rows taken from the log
     */
    public int fold() {
        return database.write(handle -> {
            long seen = latestBehind.get();
            applyLatest(handle);
            // WHERE true: SQLite needs it to parse an upsert clause after INSERT ... SELECT
            handle.execute("INSERT INTO metrics " + COLUMNS + " SELECT run_uuid, key, step, timestamp, value, is_nan"
                    + " FROM metric_log WHERE true ORDER BY run_uuid, key, step, timestamp, value, is_nan"
                    + " ON CONFLICT DO NOTHING");
            int moved = handle.execute("DELETE FROM metric_log");
            pending.set(0);
            handle.afterCommit(() -> {
                latestApplied = 0;
                latestBehind.addAndGet(-seen);
            });
            return moved;
        });
    }

    /** Rows in the log now (not yet folded). */
    public long rows() {
        return database.read(handle -> handle.createQuery("SELECT count(*) FROM metric_log").mapTo(Long.class).one());
    }
}
