package dev.mlforge.bench.search;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Seeds runs by SQL into the server's own tables, writing exactly the rows {@link RunSeeder}'s three requests make the
 * server write (run, {@code team} and {@code mlflow.runName} tags, 10 params, 10 metrics in the history and as the
 * latest value, status and end time), with the same values for the same index: 1,000,000 runs over the API take
 * hours on this machine (64 runs/s), the searches, not the seeding, are what is timed. Run 0 is created over HTTP
 * first; its row supplies the user and the artifact URI pattern, and its requests the experiment's key summary
 * ({@code experiment_keys}). When the runs table has the per-run documents of migration V27 (PostgreSQL), they are
 * written too, as the store's write path keeps them. Ends with the statistics the server would have gathered by
 * then: ANALYZE on SQLite (the store runs it at 1000, 2000, 4000... writes) and VACUUM ANALYZE on PostgreSQL (what
 * autovacuum does after a bulk load). The one SQL seeder of the benches: {@code SearchBench} and the UI's
 * {@code RunsTableBench} (into the running server's SQLite file, a second writer that WAL allows) both use it.
 */
public final class SqlRunSeed {
    private static final int CHUNK = 20_000;
    private static final String SEEDED_TABLES = "('runs', 'tags', 'params', 'metrics', 'latest_metrics')";

    private final Connection connection;
    private final boolean postgres;
    private final long experimentId;
    private final String userId;
    private final String artifactPrefix;
    private final String artifactSuffix;
    private final boolean documents;

    private SqlRunSeed(Connection connection, boolean postgres, long experimentId, String firstRunId) throws SQLException {
        this.connection = connection;
        this.postgres = postgres;
        this.experimentId = experimentId;
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT user_id, artifact_uri FROM runs WHERE run_uuid = ?")) {
            statement.setString(1, firstRunId);
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    throw new IllegalStateException("run " + firstRunId + " is not in the database");
                }
                userId = row.getString(1);
                String uri = row.getString(2);
                int at = uri.indexOf(firstRunId);
                artifactPrefix = uri.substring(0, at);
                artifactSuffix = uri.substring(at + firstRunId.length());
            }
        }
        documents = postgres && hasColumn("runs", "params_doc");
    }

    /** Seeds runs {@code 1..count-1} next to run 0 (already created over HTTP); returns the seconds it took. */
    public static double seed(String jdbcUrl, long experimentId, String firstRunId, int count) throws Exception {
        long start = System.nanoTime();
        boolean postgres = jdbcUrl.startsWith("jdbc:postgresql:");
        try (Connection connection = DriverManager.getConnection(jdbcUrl)) {
            try (Statement statement = connection.createStatement()) {
                if (postgres) {
                    statement.execute("SET maintenance_work_mem = '512MB'");
                } else {
                    statement.execute("PRAGMA busy_timeout=60000");
                    statement.execute("PRAGMA cache_size=-1000000");
                    statement.execute("PRAGMA synchronous=OFF");
                }
            }
            connection.setAutoCommit(false);
            SqlRunSeed seed = new SqlRunSeed(connection, postgres, experimentId, firstRunId);
            List<String> indexes = seed.dropIndexes();
            for (int from = 1; from < count; from += CHUNK) {
                int to = Math.min(count, from + CHUNK);
                if (postgres) {
                    seed.copyChunk(from, to);
                } else {
                    seed.insertChunk(from, to);
                }
                connection.commit();
                System.out.printf("  seeded %d runs by SQL, %.0f s%n", to, (System.nanoTime() - start) / 1e9);
            }
            connection.setAutoCommit(true);
            try (Statement statement = connection.createStatement()) {
                long built = System.nanoTime();
                for (String index : indexes) {
                    statement.execute(index);
                }
                System.out.printf("  built %d indexes again in %.0f s%n", indexes.size(), (System.nanoTime() - built) / 1e9);
                if (postgres) {
                    statement.execute("VACUUM ANALYZE runs, params, tags, latest_metrics, metrics");
                } else {
                    for (String table : new String[] {"runs", "params", "tags", "latest_metrics"}) {
                        statement.execute("ANALYZE " + table);
                    }
                }
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /**
     * Drops the secondary indexes of the seeded tables (not primary keys or unique constraints, which the load relies
     * on) and answers the statements that create them again, exactly as the migrations made them.
     */
    private List<String> dropIndexes() throws SQLException {
        String query = postgres
                ? "SELECT indexname, indexdef FROM pg_indexes i WHERE schemaname = current_schema() AND tablename IN "
                        + SEEDED_TABLES + " AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)"
                : "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN " + SEEDED_TABLES;
        List<String> creates = new ArrayList<>();
        try (Statement statement = connection.createStatement()) {
            List<String> names = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery(query)) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                    creates.add(rows.getString(2));
                }
            }
            for (String name : names) {
                statement.execute("DROP INDEX " + name);
            }
        }
        connection.commit();
        return creates;
    }

    private boolean hasColumn(String table, String column) throws SQLException {
        try (ResultSet columns = connection.getMetaData().getColumns(null, null, table, column)) {
            return columns.next();
        }
    }

    /** One run's rows, generated from its index with RunSeeder's random sequence. */
    private record SeededRun(String runId, int index, long startTime, String status, Long endTime, char[] params,
            double[] metrics) {
        static SeededRun of(int index) {
            Random random = new Random(index);
            char[] params = new char[10];
            for (int p = 0; p < 10; p++) {
                params[p] = (char) ('a' + random.nextInt(4));
            }
            double[] metrics = new double[10];
            for (int m = 0; m < 10; m++) {
                metrics[m] = random.nextDouble();
            }
            Random ids = new Random(~(long) index);
            String runId = String.format("%016x%016x", ids.nextLong(), ids.nextLong());
            long startTime = 1_700_000_000_000L + index * 1000L;
            int quarter = index % 4;
            String status = quarter == 0 ? "RUNNING" : quarter == 3 ? "FAILED" : "FINISHED";
            return new SeededRun(runId, index, startTime, status, quarter == 0 ? null : startTime + 500, params, metrics);
        }

        String name() {
            return "run-" + index;
        }

        String team() {
            return "t" + (index % 10);
        }
    }

    private void copyChunk(int from, int to) throws SQLException, IOException {
        StringBuilder runs = new StringBuilder();
        StringBuilder tags = new StringBuilder();
        StringBuilder params = new StringBuilder();
        StringBuilder latest = new StringBuilder();
        for (int i = from; i < to; i++) {
            SeededRun run = SeededRun.of(i);
            runs.append(run.runId()).append('\t').append(experimentId).append('\t').append(run.name()).append('\t')
                    .append(userId == null ? "\\N" : userId).append('\t').append(run.status()).append('\t')
                    .append(run.startTime()).append('\t').append(run.endTime() == null ? "\\N" : run.endTime()).append('\t')
                    .append(artifactPrefix).append(run.runId()).append(artifactSuffix).append("\tactive");
            if (documents) {
                runs.append('\t').append(paramsDocument(run)).append('\t').append(tagsDocument(run));
            }
            runs.append('\n');
            tags.append(run.runId()).append("\tteam\t").append(run.team()).append('\n');
            tags.append(run.runId()).append("\tmlflow.runName\t").append(run.name()).append('\n');
            for (int p = 0; p < 10; p++) {
                params.append(run.runId()).append("\tp").append(p).append('\t').append(run.params()[p]).append('\n');
            }
            for (int m = 0; m < 10; m++) {
                latest.append(run.runId()).append("\tm").append(m).append("\t0\t").append(run.startTime()).append('\t')
                        .append(run.metrics()[m]).append("\t0\n");
            }
        }
        CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
        String runColumns = "run_uuid, experiment_id, name, user_id, status, start_time, end_time, artifact_uri, lifecycle_stage"
                + (documents ? ", params_doc, tags_doc" : "");
        copy.copyIn("COPY runs (" + runColumns + ") FROM STDIN", new StringReader(runs.toString()));
        copy.copyIn("COPY tags (run_uuid, key, value) FROM STDIN", new StringReader(tags.toString()));
        copy.copyIn("COPY params (run_uuid, key, value) FROM STDIN", new StringReader(params.toString()));
        String metricColumns = " (run_uuid, key, step, timestamp, value, is_nan) FROM STDIN";
        copy.copyIn("COPY metrics" + metricColumns, new StringReader(latest.toString()));
        copy.copyIn("COPY latest_metrics" + metricColumns, new StringReader(latest.toString()));
    }

    private static String paramsDocument(SeededRun run) {
        StringBuilder json = new StringBuilder("{");
        for (int p = 0; p < 10; p++) {
            json.append(p > 0 ? ", " : "").append("\"p").append(p).append("\": \"").append(run.params()[p]).append('"');
        }
        return json.append('}').toString();
    }

    private static String tagsDocument(SeededRun run) {
        return "{\"team\": \"" + run.team() + "\", \"mlflow.runName\": \"" + run.name() + "\"}";
    }

    private void insertChunk(int from, int to) throws SQLException {
        try (PreparedStatement runs = connection.prepareStatement("INSERT INTO runs (run_uuid, experiment_id, name, "
                        + "user_id, status, start_time, end_time, artifact_uri, lifecycle_stage) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'active')");
                PreparedStatement tags = connection.prepareStatement("INSERT INTO tags (run_uuid, key, value) VALUES (?, ?, ?)");
                PreparedStatement params = connection.prepareStatement("INSERT INTO params (run_uuid, key, value) VALUES (?, ?, ?)");
                // SQLite's history since V38: one series row per (run, key), the points keyed by its id
                PreparedStatement series = connection.prepareStatement("INSERT INTO metric_series (run_uuid, key) VALUES (?, ?)");
                PreparedStatement metrics = connection.prepareStatement("INSERT INTO metric_history (series_id, step, "
                        + "timestamp, value, is_nan) SELECT id, 0, ?3, ?4, 0 FROM metric_series WHERE run_uuid = ?1 AND key = ?2");
                PreparedStatement latest = connection.prepareStatement("INSERT INTO latest_metrics (run_uuid, key, step, "
                        + "timestamp, value, is_nan) VALUES (?, ?, 0, ?, ?, 0)")) {
            for (int i = from; i < to; i++) {
                SeededRun run = SeededRun.of(i);
                runs.setString(1, run.runId());
                runs.setLong(2, experimentId);
                runs.setString(3, run.name());
                runs.setString(4, userId);
                runs.setString(5, run.status());
                runs.setLong(6, run.startTime());
                runs.setObject(7, run.endTime());
                runs.setString(8, artifactPrefix + run.runId() + artifactSuffix);
                runs.addBatch();
                entry(tags, run.runId(), "team", run.team());
                entry(tags, run.runId(), "mlflow.runName", run.name());
                for (int p = 0; p < 10; p++) {
                    entry(params, run.runId(), "p" + p, String.valueOf(run.params()[p]));
                }
                for (int m = 0; m < 10; m++) {
                    entry(series, run.runId(), "m" + m);
                    for (PreparedStatement statement : new PreparedStatement[] {metrics, latest}) {
                        statement.setString(1, run.runId());
                        statement.setString(2, "m" + m);
                        statement.setLong(3, run.startTime());
                        statement.setDouble(4, run.metrics()[m]);
                        statement.addBatch();
                    }
                }
            }
            for (PreparedStatement statement : new PreparedStatement[] {runs, tags, params, series, metrics, latest}) {
                statement.executeBatch();
            }
        }
    }

    private static void entry(PreparedStatement statement, String runId, String key, String value) throws SQLException {
        statement.setString(3, value);
        entry(statement, runId, key);
    }

    private static void entry(PreparedStatement statement, String runId, String key) throws SQLException {
        statement.setString(1, runId);
        statement.setString(2, key);
        statement.addBatch();
    }
}
