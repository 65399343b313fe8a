package dev.mlforge.bench.ui;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * Writes the compare page's metric histories into the running server's SQLite file (a second writer, which WAL
 * allows): the rows log-batch would write to {@code metrics} for steps 0 to {@code steps - 2}, after the last step
 * was logged through the API (which wrote {@code latest_metrics} and the key summary). Through log-batch, the
 * 1,000,000 points took 216-498 s on the loaded machine; the page's reads, not the seeding, are what is timed.
 */
final class CompareHistorySeed {
    private CompareHistorySeed() {}

    /** The value of metric {@code m} of run {@code run} at {@code step}: a decaying loss, offset per run and metric. */
    static double value(int run, int m, int step) {
        return Math.exp(-step / 300.0) * (1 + run / 100.0) + m;
    }

    /** The timestamp of a step. */
    static long timestamp(int step) {
        return 1_780_000_000_000L + step;
    }

    /** Inserts steps 0..steps-2 of metrics m0..m(metrics-1) of each run (index = position in {@code runIds}). */
    static void fill(String jdbcUrl, List<String> runIds, int metrics, int steps) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl)) {
            connection.createStatement().execute("PRAGMA busy_timeout = 60000");
            connection.setAutoCommit(false);
            // SQLite's history since V38: one series row per (run, key), the points keyed by its id
            try (PreparedStatement series = connection.prepareStatement(
                    "INSERT INTO metric_series (run_uuid, key) VALUES (?, ?) ON CONFLICT DO NOTHING");
                 PreparedStatement insert = connection.prepareStatement("INSERT INTO metric_history (series_id, step, "
                         + "timestamp, value, is_nan) SELECT id, ?3, ?4, ?5, 0 FROM metric_series WHERE run_uuid = ?1 AND key = ?2")) {
                for (int run = 0; run < runIds.size(); run++) {
                    for (int m = 0; m < metrics; m++) {
                        series.setString(1, runIds.get(run));
                        series.setString(2, "m" + m);
                        series.executeUpdate();
                        for (int step = 0; step < steps - 1; step++) {
                            insert.setString(1, runIds.get(run));
                            insert.setString(2, "m" + m);
                            insert.setLong(3, step);
                            insert.setLong(4, timestamp(step));
                            insert.setDouble(5, value(run, m, step));
                            insert.addBatch();
                        }
                        insert.executeBatch();
                    }
                    if (run % 10 == 9) {
                        connection.commit();
                    }
                }
            }
            connection.commit();
        }
    }
}
