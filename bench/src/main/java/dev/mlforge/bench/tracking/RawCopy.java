package dev.mlforge.bench.tracking;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.postgresql.PGConnection;

/**
 * The baseline of {@link ReplicaIngestBench}: the rows a log-batch of 1000 metrics stores (one run, 20 keys x 50
 * steps, random values), written by JDBC threads with binary {@code COPY} straight into a table shaped like
 * {@code metrics} (same columns, same 6-column primary key), one transaction per batch. No HTTP, no JSON, no
 * validation, no latest-value upkeep: what PostgreSQL costs for the rows alone.
 */
final class RawCopy {
    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};

    private RawCopy() {}

    static ReplicaIngestBench.Window run(int port, int clients, int seconds, IngestCpu cpu) throws Exception {
        String url = "jdbc:postgresql://localhost:" + port + "/postgres?user=postgres";
        try (Connection setup = DriverManager.getConnection(url); Statement statement = setup.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS raw_metrics (run_uuid TEXT NOT NULL, key TEXT NOT NULL,"
                    + " step BIGINT NOT NULL, timestamp BIGINT NOT NULL, value DOUBLE PRECISION NOT NULL,"
                    + " is_nan SMALLINT NOT NULL DEFAULT 0, PRIMARY KEY (run_uuid, key, step, timestamp, value, is_nan))");
        }
        Connection[] connections = new Connection[clients];
        for (int c = 0; c < clients; c++) {
            connections[c] = DriverManager.getConnection(url);
            connections[c].setAutoCommit(false);
        }
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            return ReplicaIngestBench.measure(clients, cpu, (client, metrics) -> {
                String run = "raw-" + client + "-" + System.nanoTime();
                Random random = new Random(run.hashCode());
                for (int batch = 0; System.nanoTime() < deadline; batch++) {
                    connections[client].unwrap(PGConnection.class).getCopyAPI().copyIn("COPY raw_metrics (run_uuid, key,"
                            + " step, timestamp, value, is_nan) FROM STDIN (FORMAT binary)",
                            new ByteArrayInputStream(rows(run, batch, random)));
                    connections[client].commit();
                    metrics.add(1000);
                }
            });
        } finally {
            for (Connection connection : connections) {
                connection.close();
            }
        }
    }

    /** One batch in COPY's binary format: 1000 rows of 6 fields. */
    static byte[] rows(String run, int batch, Random random) {
        byte[] runBytes = run.getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(SIGNATURE.length + 10 + 1000 * (60 + runBytes.length + 8));
        out.put(SIGNATURE).putInt(0).putInt(0);
        for (int i = 0; i < 1000; i++) {
            byte[] key = ("m" + (i % 20)).getBytes(StandardCharsets.UTF_8);
            out.putShort((short) 6).putInt(runBytes.length).put(runBytes).putInt(key.length).put(key)
                    .putInt(8).putLong(batch * 50L + i / 20).putInt(8).putLong(1_700_000_000_000L + batch)
                    .putInt(8).putDouble(random.nextDouble()).putInt(2).putShort((short) 0);
        }
        out.putShort((short) -1);
        return java.util.Arrays.copyOf(out.array(), out.position());
    }
}
