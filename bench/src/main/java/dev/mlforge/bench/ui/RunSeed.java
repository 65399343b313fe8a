package dev.mlforge.bench.ui;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeds runs straight into the running server's SQLite file (a second writer, which WAL and the busy timeout allow),
 * copying the rows of one template run that was logged through the HTTP API (runs/create with a {@code team} tag,
 * log-batch of {@code p0..p9} and {@code m0..m9}): its user, artifact URI shape and tags are reused, so every seeded
 * run has the rows the server itself writes, and the experiment's key summary already holds the template's keys.
 * 100,000 runs over the API take 15-35 minutes on the shared machine; this takes about a minute.
 *
 * <p>Run {@code i}: name {@code run-<i>}, start time {@code 1,700,000,000,000 + i s}, tag {@code team = t<i % 10>},
 * params {@code p0..p9} with values {@code 'a'..'d'}, metrics {@code m0..m9} uniform in [0, 1) at step 0, status
 * RUNNING for a quarter, FAILED for a quarter, FINISHED for the rest (the search bench's distribution).
 */
final class RunSeed {
    private static final int COMMIT_EVERY = 5000;

    private RunSeed() {}

    static void seed(Path database, String templateRunId, int count) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database)) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA busy_timeout=30000");
            }
            connection.setAutoCommit(false);
            String[] template = template(connection, templateRunId);
            List<String[]> otherTags = otherTags(connection, templateRunId);
            try (PreparedStatement run = connection.prepareStatement("INSERT INTO runs (run_uuid, experiment_id, name, "
                            + "user_id, status, start_time, end_time, artifact_uri, lifecycle_stage) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'active')");
                    PreparedStatement tag = connection.prepareStatement("INSERT INTO tags (run_uuid, key, value) VALUES (?, ?, ?)");
                    PreparedStatement param = connection.prepareStatement("INSERT INTO params (run_uuid, key, value) VALUES (?, ?, ?)");
                    PreparedStatement metric = connection.prepareStatement("INSERT INTO metrics (run_uuid, key, step, timestamp, "
                            + "value, is_nan) VALUES (?, ?, 0, ?, ?, 0)");
                    PreparedStatement latest = connection.prepareStatement("INSERT INTO latest_metrics (run_uuid, key, step, "
                            + "timestamp, value, is_nan) VALUES (?, ?, 0, ?, ?, 0)")) {
                for (int i = 0; i < count; i++) {
                    Random random = new Random(i);
                    String runId = String.format("%016x%016x", 0x5eedL, i);
                    long start = 1_700_000_000_000L + i * 1000L;
                    int quarter = i % 4;
                    run.setString(1, runId);
                    run.setLong(2, Long.parseLong(template[0]));
                    run.setString(3, "run-" + i);
                    run.setString(4, template[1]);
                    run.setString(5, quarter == 0 ? "RUNNING" : quarter == 3 ? "FAILED" : "FINISHED");
                    run.setLong(6, start);
                    if (quarter == 0) {
                        run.setNull(7, java.sql.Types.BIGINT);
                    } else {
                        run.setLong(7, start + 500);
                    }
                    run.setString(8, template[2].replace(templateRunId, runId));
                    run.addBatch();
                    row(tag, runId, "mlflow.runName", "run-" + i);
                    row(tag, runId, "team", "t" + (i % 10));
                    for (String[] other : otherTags) {
                        row(tag, runId, other[0], other[1]);
                    }
                    for (int p = 0; p < 10; p++) {
                        row(param, runId, "p" + p, String.valueOf((char) ('a' + random.nextInt(4))));
                    }
                    for (int m = 0; m < 10; m++) {
                        double value = random.nextDouble();
                        metricRow(metric, runId, "m" + m, start, value);
                        metricRow(latest, runId, "m" + m, start, value);
                    }
                    if ((i + 1) % COMMIT_EVERY == 0 || i == count - 1) {
                        for (PreparedStatement batch : List.of(run, tag, param, metric, latest)) {
                            batch.executeBatch();
                        }
                        connection.commit();
                    }
                }
            }
            try (Statement statement = connection.createStatement()) {
                // the server refreshes SQLite's planner statistics as its own writes double; these writes are not its own
                statement.execute("ANALYZE");
            }
            connection.commit();
        }
    }

    /** experiment id, user id and artifact URI of the template run. */
    private static String[] template(Connection connection, String runId) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT experiment_id, user_id, artifact_uri FROM runs WHERE run_uuid = ?")) {
            query.setString(1, runId);
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next()) {
                    throw new IllegalStateException("template run " + runId + " is not in the database");
                }
                return new String[] {rows.getString(1), rows.getString(2), rows.getString(3)};
            }
        }
    }

    /** The template's tags other than its name and team (system tags the server added, if any). */
    private static List<String[]> otherTags(Connection connection, String runId) throws SQLException {
        List<String[]> tags = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT key, value FROM tags WHERE run_uuid = ? AND key NOT IN ('mlflow.runName', 'team')")) {
            query.setString(1, runId);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    tags.add(new String[] {rows.getString(1), rows.getString(2)});
                }
            }
        }
        return tags;
    }

    private static void row(PreparedStatement statement, String runId, String key, String value) throws SQLException {
        statement.setString(1, runId);
        statement.setString(2, key);
        statement.setString(3, value);
        statement.addBatch();
    }

    private static void metricRow(PreparedStatement statement, String runId, String key, long timestamp, double value)
            throws SQLException {
        statement.setString(1, runId);
        statement.setString(2, key);
        statement.setLong(3, timestamp);
        statement.setDouble(4, value);
        statement.addBatch();
    }
}
