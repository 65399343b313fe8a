package dev.mlforge.tracking;

import dev.mlforge.store.Database;
import dev.mlforge.store.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.jdbi.v3.core.Handle;

/**
 * The staged metric log of SQLite (V36 {@code metric_log}): log-batch appends its metric points there in the request's
 * transaction, in rowid order, and {@link #fold} moves them into the history ordered by (series, step), so that one
 * key's points of many batches land on one page. Since V38 the history is {@code metric_history}, keyed by the integer
 * id of each (run, key) ({@link MetricSeries}; the log carries it) instead of two text columns, and {@code metrics} is a
 * view of it with run and key: a fold, which holds the write lock, sorts and inserts rows half the size. Measured reason: a batch of
 * 1000 distinct keys inserted straight into {@code metrics} writes about one page per key (the table is clustered by
 * key), while an append-order table takes the same rows about ten times cheaper. Reads go through the
 * {@code metric_points} view, which sees both tables. On PostgreSQL log-batch keeps copying into {@code metrics}
 * directly ({@link PostgresMetricCopy}) and the log stays empty.
 *
 * <p>The latest value per (run, key) in {@code latest_metrics} is also brought forward from the log, not per request:
 * {@link #catchUpLatest} upserts the latest of the points appended since the last catch-up ({@link StagedLatestValues}:
 * one upsert per key, however many batches logged it), and every read of latest values (run reads, searches, the runs
 * table) calls it first, so a run's latest metric is right immediately after the acknowledged write. {@link #fold} catches up before it moves.
 */
public final class MetricLog {
    static final String COLUMNS = "(run_uuid, key, step, timestamp, value, is_nan)";
    /**
     * Rows of one INSERT statement of {@link #append} (600 bound values, far below SQLite's limit of 32,766). Measured
     * on 1000-key batches: 1.3-1.4 us of the writer's CPU per row against 1.8-1.9 with one row per statement, since
     * SQLite runs its insert program once per statement instead of once per row.
     */
    private static final int ROWS_PER_INSERT = 100;
    /** The log's columns: {@link #COLUMNS} and the series id of V38's compact history. */
    private static final String LOG_COLUMNS = "(run_uuid, key, step, timestamp, value, is_nan, series_id)";
    private static final String INSERT_FULL = insert(ROWS_PER_INSERT);

    private final Database database;
    private final boolean staged;
    private final AtomicLong pending = new AtomicLong();
    private final StagedLatestValues latest;
    private final MetricSeries series = new MetricSeries();
    private volatile LongConsumer listener = rows -> {};

    public MetricLog(Database database) {
        this.database = database;
        this.staged = database.dialect() == Dialect.SQLITE;
        this.latest = new StagedLatestValues(staged && database.read(handle -> handle.createQuery(
                "SELECT EXISTS (SELECT 1 FROM metric_log)").mapTo(Boolean.class).one()));
    }

    /** True when log-batch stages metric points in the log (SQLite). */
    boolean staged() {
        return staged;
    }

    /**
     * Appends {@code metrics} of {@code runId} to the log inside the write transaction of {@code handle}, with
     * multi-row INSERT statements of {@value #ROWS_PER_INSERT} rows (the rest in one shorter statement), and hands
     * them to the latest values' catch-up. Duplicates are kept here and dropped by the fold; the
     * {@code metric_points} view shows each point once.
     */
    void append(Handle handle, String runId, List<MetricEntity> metrics) throws SQLException {
        Connection connection = handle.getConnection();
        long[] ids = series.ids(handle, runId, metrics);
        int whole = metrics.size() - metrics.size() % ROWS_PER_INSERT;
        if (whole > 0) {
            try (PreparedStatement statement = connection.prepareStatement(INSERT_FULL)) {
                for (int from = 0; from < whole; from += ROWS_PER_INSERT) {
                    bindRows(statement, runId, metrics, ids, from, from + ROWS_PER_INSERT);
                    statement.addBatch();
                }
                statement.executeBatch();
            }
        }
        if (whole < metrics.size()) {
            try (PreparedStatement statement = connection.prepareStatement(insert(metrics.size() - whole))) {
                bindRows(statement, runId, metrics, ids, whole, metrics.size());
                statement.executeUpdate();
            }
        }
        appended(handle, runId, metrics);
    }

    private static String insert(int rows) {
        return "INSERT INTO metric_log " + LOG_COLUMNS + " VALUES (?, ?, ?, ?, ?, ?, ?)"
                + ", (?, ?, ?, ?, ?, ?, ?)".repeat(rows - 1);
    }

    /** Binds rows {@code from} (inclusive) to {@code to} of {@code metrics}, each with its series id. */
    private static void bindRows(PreparedStatement statement, String runId, List<MetricEntity> metrics, long[] ids,
                                 int from, int to) throws SQLException {
        int index = 1;
        for (int row = from; row < to; row++) {
            index = bindRow(statement, index, runId, metrics.get(row));
            statement.setLong(index++, ids[row]);
        }
    }

    /**
     * Binds one point's six columns from parameter {@code index} on; NaN is stored as 0 with is_nan = 1, so that
     * comparisons and sorting on value never meet a NaN. Returns the next parameter's index.
     */
    static int bindRow(PreparedStatement statement, int index, String runId, MetricEntity metric) throws SQLException {
        boolean nan = Double.isNaN(metric.value());
        statement.setString(index, runId);
        statement.setString(index + 1, metric.key());
        statement.setLong(index + 2, metric.step());
        statement.setLong(index + 3, metric.timestamp());
        statement.setDouble(index + 4, nan ? 0.0 : metric.value());
        statement.setInt(index + 5, nan ? 1 : 0);
        return index + 6;
    }

    /**
     * Counts the points of {@code runId} a write transaction appended and hands them to the latest values' catch-up;
     * called inside it, so that it orders with {@link #fold}.
     */
    private void appended(Handle handle, String runId, List<MetricEntity> metrics) {
        latest.staged(handle, runId, metrics);
        listener.accept(pending.addAndGet(metrics.size()));
    }

    /**
     * Brings {@code latest_metrics} up to every committed append (nothing to do when no append happened since the last
     * catch-up, or on PostgreSQL, whose log-batch upserts the latest values itself). Call before reading latest values.
     */
    void catchUpLatest() {
        if (staged && latest.behind()) {
            database.write(handle -> {
                latest.apply(handle);
                return null;
            });
        }
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
     * Moves every row of the log into the history ({@code metric_history}, keyed by series id, which the view
     * {@code metrics} shows with run and key) in one write transaction, ordered by its primary key,
     * skipping points already stored (MLflow's rule: a point logged twice is stored once), then empties the log;
     * first it brings {@code latest_metrics} up to the log ({@link #catchUpLatest}).
     * Readers see the points in the log before and in the table after, never neither nor both.
     *
     * @return the rows taken from the log
     */
    public int fold() {
        return database.write(handle -> {
            latest.apply(handle);
            // WHERE true: SQLite needs it to parse an upsert clause after INSERT ... SELECT
            handle.execute("INSERT INTO metric_history (series_id, step, timestamp, value, is_nan)"
                    + " SELECT series_id, step, timestamp, value, is_nan FROM metric_log WHERE true"
                    + " ORDER BY series_id, step, timestamp, value, is_nan ON CONFLICT DO NOTHING");
            int moved = handle.execute("DELETE FROM metric_log");
            pending.set(0);
            return moved;
        });
    }

    /** Rows in the log now (not yet folded). */
    public long rows() {
        return database.read(handle -> handle.createQuery("SELECT count(*) FROM metric_log").mapTo(Long.class).one());
    }
}
