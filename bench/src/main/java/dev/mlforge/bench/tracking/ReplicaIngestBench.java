package dev.mlforge.bench.tracking;

import dev.mlforge.app.Application;
import dev.mlforge.config.ServerConfig;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Log-batch ingest into one PostgreSQL (embedded, PostgreSQL 18 from Maven Central's binaries) through 1 or 2 mlforge
 * servers sharing it, as replicas behind a load balancer: 4 clients, each with its own run and 1000-metric batches
 * (20 keys x 50 steps), client {@code c} on replica {@code c % replicas}. Each round discards a warm-up of 100
 * batches per client, then counts acknowledged metrics for the window.
 *
 * <pre>java -cp bench/target/mlforge-bench.jar dev.mlforge.bench.tracking.ReplicaIngestBench [rounds] [seconds]</pre>
 * prints metrics/s with 1 replica and with 2, alternating, {@code rounds} times each; with a third argument
 * {@code floor}, the store's JDBC floor instead (COPY against batched INSERT, see {@link #floor}).
 */
public final class ReplicaIngestBench {
    private static final int CLIENTS = 4;

    private ReplicaIngestBench() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            String uri = "postgresql://postgres:postgres@localhost:" + postgres.getPort() + "/postgres";
            if (args.length > 2 && args[2].equals("floor")) {
                floor(postgres, seconds);
                return;
            }
            List<Application> replicas = new ArrayList<>();
            try {
                for (int i = 0; i < 2; i++) {
                    replicas.add(new Application(ServerConfig.forDataDir(Files.createTempDirectory("mlforge-replica-"))
                            .withBackendStoreUri(uri)).start());
                }
                for (int round = 1; round <= rounds; round++) {
                    for (int count = 1; count <= 2; count++) {
                        double rate = ingest(replicas.subList(0, count), seconds);
                        System.out.printf("round %d, %d replica%s, %d clients x 1000-metric batches: %.0f metrics/s%n", round,
                                count, count == 1 ? "" : "s", CLIENTS, rate);
                    }
                }
            } finally {
                for (Application replica : replicas) {
                    replica.close();
                }
            }
        }
    }

    /**
     * The store's own floor without HTTP or JSON: 4 JDBC threads, each committing 1000-row transactions of the same shape
     * into a table like {@code metrics}, by COPY (through a temporary table, as the server does) and by batched INSERT.
     */
    private static void floor(EmbeddedPostgres postgres, int seconds) throws Exception {
        String url = "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres?user=postgres&reWriteBatchedInserts=true";
        try (java.sql.Connection setup = java.sql.DriverManager.getConnection(url); java.sql.Statement statement = setup.createStatement()) {
            statement.execute("CREATE TABLE floor_metrics (run_uuid TEXT NOT NULL, key TEXT NOT NULL, step BIGINT NOT NULL,"
                    + " timestamp BIGINT NOT NULL, value DOUBLE PRECISION NOT NULL, is_nan SMALLINT NOT NULL DEFAULT 0,"
                    + " PRIMARY KEY (run_uuid, key, step, timestamp, value, is_nan))");
        }
        for (String mode : new String[] {"copy", "insert", "copy", "insert"}) {
            ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
            LongAdder rows = new LongAdder();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            long start = System.nanoTime();
            List<Future<?>> futures = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                String run = mode + "-" + c + "-" + System.nanoTime();
                futures.add(pool.submit(() -> {
                    try (java.sql.Connection connection = java.sql.DriverManager.getConnection(url)) {
                        connection.setAutoCommit(false);
                        Random random = new Random(run.hashCode());
                        for (int batch = 0; System.nanoTime() < deadline; batch++) {
                            if (mode.equals("copy")) {
                                floorCopy(connection, run, batch, random);
                            } else {
                                floorInsert(connection, run, batch, random);
                            }
                            connection.commit();
                            rows.add(1000);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
            pool.shutdown();
            System.out.printf("floor, %s, %d JDBC threads x 1000-row transactions: %.0f rows/s%n", mode, CLIENTS,
                    rows.sum() / ((System.nanoTime() - start) / 1e9));
        }
    }

    private static void floorCopy(java.sql.Connection connection, String run, int batch, Random random) throws Exception {
        try (java.sql.Statement statement = connection.createStatement()) {
            statement.execute("CREATE TEMP TABLE IF NOT EXISTS floor_copy (run_uuid TEXT, key TEXT, step BIGINT, timestamp BIGINT,"
                    + " value DOUBLE PRECISION, is_nan SMALLINT) ON COMMIT DELETE ROWS");
            StringBuilder text = new StringBuilder(64_000);
            for (int i = 0; i < 1000; i++) {
                text.append(run).append("\tm").append(i % 20).append('\t').append(batch * 50 + i / 20).append('\t')
                        .append(1_700_000_000_000L + batch).append('\t').append(random.nextDouble()).append("\t0\n");
            }
            connection.unwrap(org.postgresql.PGConnection.class).getCopyAPI()
                    .copyIn("COPY floor_copy FROM STDIN", new java.io.StringReader(text.toString()));
            statement.executeUpdate("INSERT INTO floor_metrics SELECT * FROM floor_copy ON CONFLICT DO NOTHING");
        }
    }

    private static void floorInsert(java.sql.Connection connection, String run, int batch, Random random) throws Exception {
        try (java.sql.PreparedStatement insert = connection.prepareStatement("INSERT INTO floor_metrics (run_uuid, key, step,"
                + " timestamp, value, is_nan) VALUES (?, ?, ?, ?, ?, 0) ON CONFLICT DO NOTHING")) {
            for (int i = 0; i < 1000; i++) {
                insert.setString(1, run);
                insert.setString(2, "m" + (i % 20));
                insert.setLong(3, batch * 50L + i / 20);
                insert.setLong(4, 1_700_000_000_000L + batch);
                insert.setDouble(5, random.nextDouble());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static double ingest(List<Application> replicas, int seconds) throws Exception {
        List<MlflowLoadClient> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            clients.add(new MlflowLoadClient(replicas.get(c % replicas.size()).baseUrl()));
        }
        run(clients, 100, 0);
        return run(clients, 800, seconds);
    }

    /** Sends up to {@code batches} prepared batches per client (for at most {@code seconds}, 0: all); metrics/s. */
    private static double run(List<MlflowLoadClient> clients, int batches, int seconds) throws Exception {
        String experimentId = clients.get(0).createExperiment("replica-ingest-" + System.nanoTime());
        List<List<String>> bodies = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            String runId = clients.get(c).createRun(experimentId);
            Random random = new Random(runId.hashCode());
            List<String> own = new ArrayList<>(batches);
            for (int batch = 0; batch < batches; batch++) {
                own.add(TrackingLoadBench.batchBody(runId, batch, random));
            }
            bodies.add(own);
        }
        long deadline = seconds == 0 ? Long.MAX_VALUE : System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        return TrackingLoadBench.postBatches(clients, bodies, deadline);
    }
}
