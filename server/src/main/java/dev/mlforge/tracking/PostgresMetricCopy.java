package dev.mlforge.tracking;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.postgresql.PGConnection;

/**
 * Appends a log-batch's metric history on PostgreSQL with binary {@code COPY} (no number formatted as text by the
 * server or parsed back by PostgreSQL). The rows go straight into {@code metrics} under a savepoint; when one of them is
 * already stored (or repeated in the batch), {@code COPY} fails on the primary key, the savepoint is rolled back and the
 * rows go through a temporary table of the session instead, then one {@code INSERT ... SELECT ... ON CONFLICT DO
 * NOTHING}: MLflow's rule that a metric logged twice is stored once holds on both paths, and the common batch of new
 * points pays neither the temporary table nor the conflict checks.
 */
final class PostgresMetricCopy {
    /** Below this many metrics a batched INSERT costs less than the statements of a copy. */
    static final int MIN_METRICS = 64;
    private static final String COLUMNS = "(run_uuid, key, step, timestamp, value, is_nan)";
    private static final String UNIQUE_VIOLATION = "23505";
    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};

    private PostgresMetricCopy() {}

    /** True when {@code connection} is PostgreSQL's, so that COPY is available. */
    static boolean available(Connection connection) throws SQLException {
        return connection.isWrapperFor(PGConnection.class);
    }

    static void append(Connection connection, String runId, List<MetricEntity> metrics) throws SQLException {
        byte[] rows = binaryRows(runId, metrics);
        Savepoint direct = connection.setSavepoint();
        try {
            copy(connection, "COPY metrics " + COLUMNS + " FROM STDIN (FORMAT binary)", rows, runId);
            connection.releaseSavepoint(direct);
        } catch (SQLException e) {
            if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw e;
            }
            connection.rollback(direct);
            appendSkippingStored(connection, rows, runId);
        }
    }

    /** The rows through a temporary table, then into {@code metrics} but for those already stored. */
    private static void appendSkippingStored(Connection connection, byte[] rows, String runId) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            // each time: a transaction rolled back after creating it takes the table with it
            statement.execute("CREATE TEMP TABLE IF NOT EXISTS metrics_copy (run_uuid TEXT, key TEXT, step BIGINT,"
                    + " timestamp BIGINT, value DOUBLE PRECISION, is_nan SMALLINT) ON COMMIT DELETE ROWS");
            copy(connection, "COPY metrics_copy FROM STDIN (FORMAT binary)", rows, runId);
            statement.executeUpdate("INSERT INTO metrics " + COLUMNS
                    + " SELECT run_uuid, key, step, timestamp, value, is_nan FROM metrics_copy ON CONFLICT DO NOTHING");
            // the rows would also go at commit; emptied now in case the transaction writes more before committing
            statement.execute("TRUNCATE metrics_copy");
        }
    }

    private static void copy(Connection connection, String sql, byte[] rows, String runId) throws SQLException {
        try {
            connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, new ByteArrayInputStream(rows));
        } catch (IOException e) {
            throw new SQLException("Cannot stream the metrics of run " + runId + " to PostgreSQL", e);
        }
    }

    /**
     * COPY's binary format: a signature, flags and header extension length, then per row its field count and each
     * field as length and big-endian value; NaN is stored as 0 with is_nan = 1, as on the INSERT path.
     */
    private static byte[] binaryRows(String runId, List<MetricEntity> metrics) {
        byte[] run = runId.getBytes(StandardCharsets.UTF_8);
        Map<String, byte[]> keys = new HashMap<>();
        int size = SIGNATURE.length + 8 + 2;
        for (MetricEntity metric : metrics) {
            byte[] key = keys.computeIfAbsent(metric.key(), text -> text.getBytes(StandardCharsets.UTF_8));
            size += 2 + 4 + run.length + 4 + key.length + 3 * 12 + 6;
        }
        ByteBuffer out = ByteBuffer.allocate(size).put(SIGNATURE).putInt(0).putInt(0);
        for (MetricEntity metric : metrics) {
            byte[] key = keys.get(metric.key());
            boolean nan = Double.isNaN(metric.value());
            out.putShort((short) 6).putInt(run.length).put(run).putInt(key.length).put(key)
                    .putInt(8).putLong(metric.step()).putInt(8).putLong(metric.timestamp())
                    .putInt(8).putDouble(nan ? 0.0 : metric.value()).putInt(2).putShort((short) (nan ? 1 : 0));
        }
        return out.putShort((short) -1).array();
    }
}
