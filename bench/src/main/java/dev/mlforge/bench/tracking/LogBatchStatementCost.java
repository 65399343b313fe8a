package dev.mlforge.bench.tracking;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.postgresql.PGConnection;

/**
 * Where PostgreSQL spends its CPU on a 1000-metric log-batch (20 keys x 50 steps), statement by statement, for the
 * server's former path (text COPY into a temporary table, INSERT ... SELECT ... ON CONFLICT DO NOTHING, TRUNCATE) and
 * its current one (binary COPY straight into {@code metrics} under a savepoint), each followed by the latest-value
 * upsert and the commit, on tables created as the migrations create them. The CPU is the backend's own (utime +
 * stime of {@code /proc/<pg_backend_pid()>/stat}, 10 ms ticks, read around each statement: unbiased over many
 * batches), so other processes on a loaded machine do not count.
 *
 * <pre>java -cp bench/target/mlforge-bench.jar dev.mlforge.bench.tracking.LogBatchStatementCost [batches, default 300]</pre>
 */
public final class LogBatchStatementCost {
    private static final String LATEST = "INSERT INTO latest_metrics (run_uuid, key, step, timestamp, value, is_nan)"
            + " VALUES (?, ?, ?, ?, ?, 0) ON CONFLICT (run_uuid, key) DO UPDATE SET step = excluded.step,"
            + " timestamp = excluded.timestamp, value = excluded.value, is_nan = excluded.is_nan"
            + " WHERE excluded.step > latest_metrics.step";

    private LogBatchStatementCost() {}

    public static void main(String[] args) throws Exception {
        int batches = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
                Connection connection = postgres.getPostgresDatabase().getConnection()) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE metrics (run_uuid TEXT NOT NULL, key TEXT NOT NULL, step BIGINT NOT NULL,"
                        + " timestamp BIGINT NOT NULL, value DOUBLE PRECISION NOT NULL, is_nan SMALLINT NOT NULL DEFAULT 0,"
                        + " PRIMARY KEY (run_uuid, key, step, timestamp, value, is_nan))");
                statement.execute("CREATE TABLE latest_metrics (run_uuid TEXT NOT NULL, key TEXT NOT NULL,"
                        + " step BIGINT NOT NULL, timestamp BIGINT NOT NULL, value DOUBLE PRECISION NOT NULL,"
                        + " is_nan SMALLINT NOT NULL DEFAULT 0, PRIMARY KEY (run_uuid, key))");
                statement.execute("CREATE INDEX latest_metrics_key_nan_value ON latest_metrics (key, is_nan, value, run_uuid)");
            }
            connection.setAutoCommit(false);
            Path stat = Path.of("/proc", String.valueOf(backendPid(connection)), "stat");
            System.out.printf("log-batch statements on PostgreSQL, %d batches of 1000 metrics per path, load average %s",
                    batches, Files.readString(Path.of("/proc/loadavg")));
            for (boolean binary : new boolean[] {false, true, false, true}) {
                Map<String, Long> ticks = new LinkedHashMap<>();
                Random random = new Random(1);
                String run = (binary ? "binary-" : "text-") + System.nanoTime();
                for (int batch = 0; batch < batches; batch++) {
                    Timer timer = new Timer(stat, ticks);
                    if (binary) {
                        byte[] rows = RawCopy.rows(run, batch, random);
                        timer.time("SAVEPOINT", () -> connection.setSavepoint("direct"));
                        timer.time("binary COPY into metrics", () -> connection.unwrap(PGConnection.class).getCopyAPI()
                                .copyIn("COPY metrics (run_uuid, key, step, timestamp, value, is_nan) FROM STDIN"
                                        + " (FORMAT binary)", new ByteArrayInputStream(rows)));
                        timer.time("RELEASE SAVEPOINT", () -> execute(connection, "RELEASE SAVEPOINT direct"));
                    } else {
                        String rows = textRows(run, batch, random);
                        timer.time("CREATE TEMP TABLE IF NOT EXISTS", () -> execute(connection, "CREATE TEMP TABLE IF NOT"
                                + " EXISTS metrics_copy (run_uuid TEXT, key TEXT, step BIGINT, timestamp BIGINT,"
                                + " value DOUBLE PRECISION, is_nan SMALLINT) ON COMMIT DELETE ROWS"));
                        timer.time("text COPY into the temporary table", () -> connection.unwrap(PGConnection.class)
                                .getCopyAPI().copyIn("COPY metrics_copy FROM STDIN", new StringReader(rows)));
                        timer.time("INSERT ... SELECT ... ON CONFLICT DO NOTHING", () -> execute(connection, "INSERT INTO"
                                + " metrics SELECT * FROM metrics_copy ON CONFLICT DO NOTHING"));
                        timer.time("TRUNCATE", () -> execute(connection, "TRUNCATE metrics_copy"));
                    }
                    int step = batch * 50 + 49;
                    timer.time("latest_metrics upsert (20 keys)", () -> {
                        try (PreparedStatement upsert = connection.prepareStatement(LATEST)) {
                            for (int key = 0; key < 20; key++) {
                                upsert.setString(1, run);
                                upsert.setString(2, "m" + key);
                                upsert.setLong(3, step);
                                upsert.setLong(4, 1_700_000_000_000L + step);
                                upsert.setDouble(5, key);
                                upsert.addBatch();
                            }
                            upsert.executeBatch();
                        }
                    });
                    timer.time("COMMIT", connection::commit);
                }
                StringBuilder line = new StringBuilder(binary ? "binary COPY into metrics:" : "text COPY via temporary table:");
                long total = ticks.values().stream().mapToLong(Long::longValue).sum();
                ticks.forEach((what, used) -> line.append(String.format(Locale.ROOT, " %s %.2f us,", what,
                        used * 10_000.0 / batches / 1000)));
                System.out.printf(Locale.ROOT, "%s total %.2f us of PostgreSQL CPU per metric%n", line,
                        total * 10_000.0 / batches / 1000);
            }
        }
    }

    interface Work {
        void run() throws Exception;
    }

    /** Adds the backend's CPU ticks around each statement to its line. */
    private record Timer(Path stat, Map<String, Long> ticks) {
        void time(String what, Work work) throws Exception {
            long before = ticks(stat);
            work.run();
            ticks.merge(what, ticks(stat) - before, Long::sum);
        }

        private static long ticks(Path stat) throws java.io.IOException {
            String text = Files.readString(stat);
            String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        }
    }

    private static void execute(Connection connection, String sql) throws java.sql.SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static long backendPid(Connection connection) throws java.sql.SQLException {
        try (Statement statement = connection.createStatement();
                java.sql.ResultSet row = statement.executeQuery("SELECT pg_backend_pid()")) {
            row.next();
            return row.getLong(1);
        }
    }

    /** The same rows as {@link RawCopy#rows} in COPY's text format, as the server's former path sent them. */
    private static String textRows(String run, int batch, Random random) {
        StringBuilder text = new StringBuilder(64_000);
        for (int i = 0; i < 1000; i++) {
            text.append(run).append("\tm").append(i % 20).append('\t').append(batch * 50L + i / 20).append('\t')
                    .append(1_700_000_000_000L + batch).append('\t').append(random.nextDouble()).append("\t0\n");
        }
        return text.toString();
    }
}
