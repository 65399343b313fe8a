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
 * prints, {@code rounds} times each, the baseline (the same rows by raw binary COPY from 4 JDBC threads, see
 * {@link RawCopy}), then 1 replica and 2: metrics/s, CPU per metric of mlforge, PostgreSQL and the clients (see
 * {@link IngestCpu}), metrics per CPU second of mlforge + PostgreSQL, and both ratios to the baseline; with a third argument
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
            IngestCpu cpu = new IngestCpu(IngestCpu.postmasterPid(dataDirectory(postgres)));
            System.out.printf("load average at the start %s", Files.readString(java.nio.file.Path.of("/proc/loadavg")));
            List<Application> replicas = new ArrayList<>();
            try {
                for (int i = 0; i < 2; i++) {
                    replicas.add(new Application(ServerConfig.forDataDir(Files.createTempDirectory("mlforge-replica-"))
                            .withBackendStoreUri(uri)).start());
                }
                for (int round = 1; round <= rounds; round++) {
                    Window raw = RawCopy.run(postgres.getPort(), CLIENTS, seconds, cpu);
                    print(round, "raw binary COPY, 4 JDBC threads (baseline)", raw, raw);
                    for (int count = 1; count <= 2; count++) {
                        Window served = ingest(replicas.subList(0, count), seconds, cpu);
                        print(round, count + " replica" + (count == 1 ? "" : "s") + ", 4 HTTP clients", served, raw);
                    }
                }
            } finally {
                for (Application replica : replicas) {
                    replica.close();
                }
            }
            System.out.printf("load average at the end %s", Files.readString(java.nio.file.Path.of("/proc/loadavg")));
        }
    }

    /** Metrics stored in a measured window, its wall seconds and the CPU seconds each party used in it. */
    record Window(long metrics, double seconds, IngestCpu.Sample cpu) {
        double perSecond() {
            return metrics / seconds;
        }

        /** Metrics per CPU second of the storing side: mlforge servers plus PostgreSQL (the clients left out). */
        double perStoreCpuSecond() {
            return metrics / (cpu.server() + cpu.postgres());
        }
    }

    private static void print(int round, String what, Window window, Window baseline) {
        double micros = 1e6 / window.metrics();
        System.out.printf(java.util.Locale.ROOT, "round %d, %s: %,.0f metrics/s wall; CPU per metric: mlforge %.2f us,"
                + " PostgreSQL %.2f us, clients %.2f us; %,.0f metrics per CPU second of mlforge + PostgreSQL;"
                + " vs raw COPY: %.2f x the wall rate, %.2f x the metrics per CPU second%n", round, what,
                window.perSecond(), window.cpu().server() * micros, window.cpu().postgres() * micros,
                window.cpu().clients() * micros, window.perStoreCpuSecond(), window.perSecond() / baseline.perSecond(),
                window.perStoreCpuSecond() / baseline.perStoreCpuSecond());
    }

    private static java.nio.file.Path dataDirectory(EmbeddedPostgres postgres) throws java.sql.SQLException {
        try (java.sql.Connection connection = postgres.getPostgresDatabase().getConnection();
                java.sql.Statement statement = connection.createStatement();
                java.sql.ResultSet row = statement.executeQuery("SHOW data_directory")) {
            row.next();
            return java.nio.file.Path.of(row.getString(1));
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

    private static Window ingest(List<Application> replicas, int seconds, IngestCpu cpu) throws Exception {
        List<MlflowLoadClient> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            clients.add(new MlflowLoadClient(replicas.get(c % replicas.size()).baseUrl()));
        }
        run(clients, 100, 0, cpu);
        return run(clients, 800, seconds, cpu);
    }

    /** Sends up to {@code batches} prepared batches per client (for at most {@code seconds}, 0: all). */
    private static Window run(List<MlflowLoadClient> clients, int batches, int seconds, IngestCpu cpu) throws Exception {
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
        return measure(CLIENTS, cpu, (client, metrics) -> {
            List<String> own = bodies.get(client);
            for (int batch = 0; batch < own.size() && System.nanoTime() < deadline; batch++) {
                clients.get(client).post("runs/log-batch", own.get(batch));
                metrics.add(1000);
            }
        });
    }

    /** One client's work: adds each acknowledged metric to {@code metrics}. */
    interface Client {
        void work(int client, LongAdder metrics) throws Exception;
    }

    /** Runs {@code count} clients on threads named {@code ingest-client-N} and measures the window they take. */
    static Window measure(int count, IngestCpu cpu, Client client) throws Exception {
        java.util.concurrent.atomic.AtomicInteger names = new java.util.concurrent.atomic.AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(count, task -> new Thread(task, "ingest-client-" + names.incrementAndGet()));
        LongAdder metrics = new LongAdder();
        IngestCpu.Snapshot before = cpu.sample();
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < count; c++) {
            int index = c;
            futures.add(pool.submit(() -> {
                client.work(index, metrics);
                return null;
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        IngestCpu.Sample used = cpu.sample().minus(before);
        pool.shutdown();
        return new Window(metrics.sum(), elapsed, used);
    }
}
