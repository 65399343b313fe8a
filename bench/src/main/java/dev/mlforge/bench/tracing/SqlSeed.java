package dev.mlforge.bench.tracing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Seeds the running server's SQLite file directly (a second writer process, which SQLite's WAL and busy timeout
 * allow), in the rows the server itself writes: 100,000 entries through the HTTP API take minutes on this shared
 * machine, and the searches, not the seeding, are what is timed. Entry {@code i} is tagged {@code group = g<i % 10>}.
 */
final class SqlSeed {
    private static final int COMMIT_EVERY = 5000;

    private SqlSeed() {}

    /** Traces as StartTraceV3 stores them: the info, its name and group tags, and its metadata. */
    static void traces(Path database, String experimentId, int count) throws SQLException {
        try (Connection connection = open(database);
                PreparedStatement trace = connection.prepareStatement("INSERT INTO traces (trace_id, experiment_id, "
                        + "request_time, execution_duration, state, request_preview, response_preview) "
                        + "VALUES (?, ?, ?, 250, 'OK', ?, '\"Paris\"')");
                PreparedStatement tag = connection.prepareStatement("INSERT INTO trace_tags (trace_id, key, value) VALUES (?, ?, ?)");
                PreparedStatement metadata = connection.prepareStatement(
                        "INSERT INTO trace_metadata (trace_id, key, value) VALUES (?, ?, ?)")) {
            for (int i = 0; i < count; i++) {
                String traceId = "tr-" + String.format("%016x%016x", 0xabcL, i);
                trace.setString(1, traceId);
                trace.setLong(2, Long.parseLong(experimentId));
                trace.setLong(3, 1_700_000_000_000L + i * 1000L);
                trace.setString(4, "{\"question\": \"q" + i + "\"}");
                trace.addBatch();
                entry(tag, traceId, "mlflow.traceName", "agent");
                entry(tag, traceId, "group", "g" + (i % 10));
                entry(metadata, traceId, "mlflow.user", "bench");
                entry(metadata, traceId, "mlflow.trace_schema.version", "3");
                if ((i + 1) % COMMIT_EVERY == 0 || i == count - 1) {
                    trace.executeBatch();
                    tag.executeBatch();
                    metadata.executeBatch();
                    connection.commit();
                }
            }
        }
    }

    /** Finalized logged models as {@code POST /logged-models} and its finalize store them, with a group tag each. */
    static void loggedModels(Path database, String experimentId, int count) throws SQLException {
        try (Connection connection = open(database);
                PreparedStatement model = connection.prepareStatement("INSERT INTO logged_models (model_id, experiment_id, "
                        + "name, artifact_location, creation_timestamp_ms, last_updated_timestamp_ms, status, model_type) "
                        + "VALUES (?, ?, ?, ?, ?, ?, 'READY', 'agent')");
                PreparedStatement tag = connection.prepareStatement(
                        "INSERT INTO logged_model_tags (model_id, key, value) VALUES (?, ?, ?)")) {
            for (int i = 0; i < count; i++) {
                String modelId = "m-" + String.format("%016x%016x", 0xabcL, i);
                long created = 1_700_000_000_000L + i * 1000L;
                model.setString(1, modelId);
                model.setLong(2, Long.parseLong(experimentId));
                model.setString(3, "model-" + i);
                model.setString(4, "mlflow-artifacts:/" + experimentId + "/models/" + modelId + "/artifacts");
                model.setLong(5, created);
                model.setLong(6, created);
                model.addBatch();
                entry(tag, modelId, "group", "g" + (i % 10));
                entry(tag, modelId, "mlflow.user", "bench");
                if ((i + 1) % COMMIT_EVERY == 0 || i == count - 1) {
                    model.executeBatch();
                    tag.executeBatch();
                    connection.commit();
                }
            }
        }
    }

    private static Connection open(Path database) throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA busy_timeout=30000");
        }
        connection.setAutoCommit(false);
        return connection;
    }

    private static void entry(PreparedStatement statement, String id, String key, String value) throws SQLException {
        statement.setString(1, id);
        statement.setString(2, key);
        statement.setString(3, value);
        statement.addBatch();
    }
}
