package dev.mlforge.bench.tracking;

import dev.mlforge.bench.process.Folders;
import dev.mlforge.store.Database;
import dev.mlforge.tracking.JdbiTrackingStore;
import dev.mlforge.tracking.LifecycleStage;
import dev.mlforge.tracking.MetricEntity;
import dev.mlforge.tracking.MetricLog;
import dev.mlforge.tracking.RunInfoEntity;
import dev.mlforge.tracking.RunStatus;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The two same-run floors of the ingest comparison, both with the rows of {@link LogBatchBodies} (same shape, one
 * transaction per batch, rows built before the clock), no HTTP and no JSON:
 * <ul>
 *   <li>raw: JDBC batch inserts into one bare table shaped like mlforge's {@code metrics} (WAL,
 *       {@code synchronous=NORMAL}), what this machine's SQLite can store at all;</li>
 *   <li>store: mlforge's own {@code JdbiTrackingStore.logBatch} on a migrated database (history rows, the latest
 *       value per key and its search index, the active-run check), what the server could reach if HTTP and JSON
 *       were free. On SQLite the store stages the points in its metric log; the floor folds the log into the history
 *       every {@value #FOLD_BATCHES} batches (the server's default {@code tracking.metric-log.fold-rows}) and once at
 *       the end, on the measured thread, so that the figure pays for the folds and leaves no backlog.</li>
 * </ul>
 */
final class SqliteFloors {
    private static final int BATCHES = 400;
    private static final int FOLD_BATCHES = 50;

    private SqliteFloors() {}

    /** Rows per second of wall time and per second of the writing thread's CPU time. */
    record Floor(double rowsPerSecond, double rowsPerCpuSecond) {
        static Floor of(long rows, long startNanos, long startCpuNanos) {
            double cpuSeconds = (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - startCpuNanos) / 1e9;
            return new Floor(rows / ((System.nanoTime() - startNanos) / 1e9), rows / cpuSeconds);
        }
    }

    /**
     * Arguments: [rounds (3)] [seconds per floor (5)]; keys from {@code bench.keys} (default 1000). Prints each round's
     * raw and store floors and the median ratio store / raw, per second of wall time and per CPU second of the writer.
     */
    static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int keys = Integer.parseInt(System.getProperty("bench.keys", "1000").split(",")[0].trim());
        Path dir = Files.createTempDirectory("mlforge-floors-");
        List<Double> wall = new ArrayList<>();
        List<Double> cpu = new ArrayList<>();
        try {
            for (int round = 1; round <= rounds; round++) {
                Floor raw = raw(dir, keys, seconds);
                Floor store = store(dir, keys, seconds);
                wall.add(store.rowsPerSecond() / raw.rowsPerSecond());
                cpu.add(store.rowsPerCpuSecond() / raw.rowsPerCpuSecond());
                System.out.printf("round %d, %d keys: raw %.0f rows/s (%.0f per CPU second), store %.0f metrics/s (%.0f "
                        + "per CPU second); load average %.2f%n", round, keys, raw.rowsPerSecond(), raw.rowsPerCpuSecond(),
                        store.rowsPerSecond(), store.rowsPerCpuSecond(),
                        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            }
        } finally {
            Folders.delete(dir);
        }
        System.out.printf("median ratio store / raw floor: %.2f (wall), %.2f (per CPU second)%n", median(wall), median(cpu));
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    /** Rows per second of bare batch inserts, over {@code seconds} (or {@value #BATCHES} batches per pass, repeated). */
    static Floor raw(Path dir, int keys, int seconds) throws Exception {
        Path file = Files.createTempDirectory(dir, "raw-floor-").resolve("floor.db");
        List<List<MetricEntity>> batches = batches(keys, BATCHES, 7);
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            execute(connection, "PRAGMA journal_mode=WAL");
            execute(connection, "PRAGMA synchronous=NORMAL");
            execute(connection, "CREATE TABLE metrics (run_uuid TEXT NOT NULL, key TEXT NOT NULL, step INTEGER NOT NULL, "
                    + "timestamp INTEGER NOT NULL, value REAL NOT NULL, is_nan INTEGER NOT NULL DEFAULT 0, "
                    + "PRIMARY KEY (run_uuid, key, step, timestamp, value, is_nan)) WITHOUT ROWID");
            connection.setAutoCommit(false);
            long rows = 0;
            long startCpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            long start = System.nanoTime();
            long deadline = start + TimeUnit.SECONDS.toNanos(seconds);
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO metrics (run_uuid, key, step, timestamp, value, is_nan) VALUES (?, ?, ?, ?, ?, 0)")) {
                for (int pass = 0; System.nanoTime() < deadline; pass++) {
                    String runId = String.format("%032x", pass);
                    for (int batch = 0; batch < batches.size() && System.nanoTime() < deadline; batch++) {
                        for (MetricEntity metric : batches.get(batch)) {
                            insert.setString(1, runId);
                            insert.setString(2, metric.key());
                            insert.setLong(3, metric.step());
                            insert.setLong(4, metric.timestamp());
                            insert.setDouble(5, metric.value());
                            insert.addBatch();
                        }
                        insert.executeBatch();
                        connection.commit();
                        rows += LogBatchBodies.METRICS_PER_BODY;
                    }
                }
            }
            return Floor.of(rows, start, startCpu);
        }
    }

    /** Metrics per second through mlforge's tracking store, one writer (the store serialises SQLite writes anyway). */
    static Floor store(Path dir, int keys, int seconds) throws Exception {
        List<List<MetricEntity>> batches = batches(keys, BATCHES, 11);
        try (Database database = Database.open(null, Files.createTempDirectory(dir, "store-floor-"))) {
            MetricLog metricLog = new MetricLog(database);
            JdbiTrackingStore store = new JdbiTrackingStore(database, metricLog);
            String experimentId = store.createExperiment("floor", "", List.of(), 0);
            long rows = 0;
            long startCpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            long start = System.nanoTime();
            long deadline = start + TimeUnit.SECONDS.toNanos(seconds);
            for (int pass = 0; System.nanoTime() < deadline; pass++) {
                String runId = String.format("%032x", pass);
                store.createRun(new RunInfoEntity(runId, experimentId, "floor-" + pass, "bench", RunStatus.RUNNING, 0, null,
                        "file:///floor", LifecycleStage.ACTIVE), List.of());
                for (int batch = 0; batch < batches.size() && System.nanoTime() < deadline; batch++) {
                    store.logBatch(runId, batches.get(batch), List.of(), List.of());
                    rows += LogBatchBodies.METRICS_PER_BODY;
                    if (rows % (FOLD_BATCHES * LogBatchBodies.METRICS_PER_BODY) == 0) {
                        metricLog.fold();
                    }
                }
            }
            metricLog.fold();
            return Floor.of(rows, start, startCpu);
        }
    }

    /** The metrics of {@link LogBatchBodies} in the same shape. */
    private static List<List<MetricEntity>> batches(int keys, int count, long seed) {
        Random random = new Random(seed);
        List<List<MetricEntity>> batches = new ArrayList<>(count);
        for (int batch = 0; batch < count; batch++) {
            List<MetricEntity> metrics = new ArrayList<>(LogBatchBodies.METRICS_PER_BODY);
            for (int i = 0; i < LogBatchBodies.METRICS_PER_BODY; i++) {
                metrics.add(new MetricEntity("m" + LogBatchBodies.key(keys, i), random.nextDouble(), 1_700_000_000_000L + batch,
                        LogBatchBodies.step(keys, batch, i)));
            }
            batches.add(metrics);
        }
        return batches;
    }

    private static void execute(Connection connection, String sql) throws Exception {
        // PRAGMA journal_mode answers a row; the statement must be closed before the next commit.
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
