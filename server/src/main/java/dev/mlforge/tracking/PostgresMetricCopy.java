package dev.mlforge.tracking;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.postgresql.PGConnection;

/**
 * Appends a log-batch's metric history on PostgreSQL with {@code COPY}: the rows stream as text into a temporary table
 * of the session (emptied at each commit), then one {@code INSERT ... SELECT ... ON CONFLICT DO NOTHING} moves them into
 * {@code metrics}, keeping MLflow's rule that a metric logged twice is stored once ({@code COPY} itself cannot skip a
 * duplicate key).
 */
final class PostgresMetricCopy {
    /** Below this many metrics a batched INSERT costs less than the two statements of a copy. */
    static final int MIN_METRICS = 64;

    private PostgresMetricCopy() {}

    /** True when {@code connection} is PostgreSQL's, so that COPY is available. */
    static boolean available(Connection connection) throws SQLException {
        return connection.isWrapperFor(PGConnection.class);
    }

    static void append(Connection connection, String runId, List<MetricEntity> metrics) throws SQLException {
        PGConnection postgres = connection.unwrap(PGConnection.class);
        try (Statement statement = connection.createStatement()) {
            // each time: a transaction rolled back after creating it takes the table with it
            statement.execute("CREATE TEMP TABLE IF NOT EXISTS metrics_copy (run_uuid TEXT, key TEXT, step BIGINT,"
                    + " timestamp BIGINT, value DOUBLE PRECISION, is_nan SMALLINT) ON COMMIT DELETE ROWS");
            StringBuilder rows = new StringBuilder(metrics.size() * 64);
            String run = escape(runId);
            for (MetricEntity metric : metrics) {
                boolean nan = Double.isNaN(metric.value());
                rows.append(run).append('\t').append(escape(metric.key())).append('\t').append(metric.step()).append('\t')
                        .append(metric.timestamp()).append('\t').append(nan ? "0" : Double.toString(metric.value())).append('\t')
                        .append(nan ? '1' : '0').append('\n');
            }
            try {
                postgres.getCopyAPI().copyIn("COPY metrics_copy FROM STDIN", new StringReader(rows.toString()));
            } catch (IOException e) {
                throw new SQLException("Cannot stream the metrics of run " + runId + " to PostgreSQL", e);
            }
            statement.executeUpdate("INSERT INTO metrics (run_uuid, key, step, timestamp, value, is_nan)"
                    + " SELECT run_uuid, key, step, timestamp, value, is_nan FROM metrics_copy ON CONFLICT DO NOTHING");
            // the rows would also go at commit; emptied now in case the transaction writes more before committing
            statement.execute("TRUNCATE metrics_copy");
        }
    }

    /** COPY's text format: backslash, tab, newline and carriage return are escaped. */
    private static String escape(String value) {
        if (value.indexOf('\\') < 0 && value.indexOf('\t') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }
}
