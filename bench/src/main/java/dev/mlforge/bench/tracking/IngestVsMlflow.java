package dev.mlforge.bench.tracking;

import dev.mlforge.bench.process.Folders;
import dev.mlforge.bench.process.ServerProcess;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Log-batch ingest of {@code ./mlforge server} (default configuration, SQLite) against MLflow 2.12's own server on
 * SQLite, in one run: the same driver, 4 connections, each posting its own run's bodies of 1000 distinct metrics
 * (built before the clock, the same values for both servers), for a fixed window, repeated in alternating rounds;
 * then the two SQLite floors of {@link SqliteFloors}. Prints each round, the medians and their ratio. Two body shapes
 * (system property {@code bench.keys}, default {@code 1000,20}): 1000 distinct keys, and 20 keys over 50 steps.
 *
 * <p>MLflow is started from the command in the system property {@code bench.mlflow} (or the environment variable
 * {@code MLFORGE_BENCH_MLFLOW}), split on spaces, to which the bench appends {@code --backend-store-uri sqlite:///...
 * --default-artifact-root ... --host 127.0.0.1 --port N}; for example
 * {@code -Dbench.mlflow="/work/shared/tools/mlflow-python/mlflow-python 2 -m mlflow server"}. Without it, or when
 * that server does not answer {@code /health} within 3 minutes, MLflow is skipped and said so; mlforge is measured
 * anyway. The driver is {@code wrk} when it is on the PATH, else the JDK HttpClient ({@code -Dbench.driver=java}
 * forces it).
 */
final class IngestVsMlflow {
    private static final int CONNECTIONS = 4;
    private static final int WARM_UP_SECONDS = 5;

    private final IngestDriver driver;
    private final Path dir;
    private final int seconds;

    private IngestVsMlflow(IngestDriver driver, Path dir, int seconds) {
        this.driver = driver;
        this.dir = dir;
        this.seconds = seconds;
    }

    /**
     * Arguments: [rounds (3)] [seconds per window (10)]. mlforge gets enough bodies for {@code -Dbench.max-rate}
     * metrics/s (250,000); a window that runs out says so.
     */
    static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        Path dir = Files.createTempDirectory("mlforge-ingest-bench-");
        boolean wrk = WrkIngest.find() != null && !"java".equals(System.getProperty("bench.driver"));
        IngestDriver driver = wrk ? new WrkIngest(dir) : new JavaClientIngest();
        System.out.printf("log-batch ingest, %d connections, bodies of 1000 new metrics built before the clock, "
                + "%d s windows, %d rounds; driver: %s; %s; load average at start %.2f%n", CONNECTIONS, seconds, rounds,
                driver.name(), Instant.now(), loadAverage());
        try {
            new IngestVsMlflow(driver, dir, seconds).compareAll(rounds);
        } finally {
            Folders.delete(dir);
        }
    }

    private void compareAll(int rounds) throws Exception {
        Path launcher = Path.of(System.getProperty("bench.launcher", "./mlforge")).toAbsolutePath();
        try (ServerProcess mlforge = ServerProcess.mlforge(launcher, dir.resolve("mlforge"), null, dir.resolve("mlforge.log"));
             ServerProcess mlflow = startMlflow()) {
            Target forge = new Target("mlforge", mlforge, new MlflowLoadClient(mlforge.baseUrl()),
                    Integer.getInteger("bench.max-rate", 250_000));
            Target reference = mlflow == null ? null
                    : new Target("MLflow 2.12", mlflow, new MlflowLoadClient(mlflow.baseUrl()), 60_000);
            for (String keys : System.getProperty("bench.keys", "1000,20").split(",")) {
                compare(forge, reference, Integer.parseInt(keys.trim()), rounds);
            }
        }
    }

    private void compare(Target forge, Target reference, int keys, int rounds) throws Exception {
        System.out.printf("== bodies of 1000 new metrics over %d keys%s ==%n", keys,
                keys == LogBatchBodies.METRICS_PER_BODY ? " (1000 distinct metrics)" : "");
        measure(forge, keys, WARM_UP_SECONDS);
        if (reference != null) {
            measure(reference, keys, WARM_UP_SECONDS);
        }
        List<Window> forgeRates = new ArrayList<>();
        List<Window> mlflowRates = new ArrayList<>();
        List<SqliteFloors.Floor> rawFloors = new ArrayList<>();
        List<SqliteFloors.Floor> storeFloors = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            Window forgeRate = measure(forge, keys, seconds).report(round, forge.name());
            forgeRates.add(forgeRate);
            System.out.printf("round %d: mlforge's metric log backlog once the server is idle: %d points not yet "
                    + "folded into the history (-1: a build without the log)%n", round, metricLogBacklog());
            if (reference != null) {
                Window mlflowRate = measure(reference, keys, seconds).report(round, reference.name());
                mlflowRates.add(mlflowRate);
                System.out.printf("round %d: ratio mlforge / MLflow %.1fx (throughput), %.1fx (metrics per CPU "
                        + "second)%n", round, forgeRate.metricsPerSecond() / mlflowRate.metricsPerSecond(),
                        forgeRate.metricsPerCpuSecond() / mlflowRate.metricsPerCpuSecond());
            }
            rawFloors.add(SqliteFloors.raw(dir, keys, seconds / 2));
            storeFloors.add(SqliteFloors.store(dir, keys, seconds / 2));
            SqliteFloors.Floor raw = rawFloors.get(round - 1);
            SqliteFloors.Floor store = storeFloors.get(round - 1);
            System.out.printf("round %d: SQLite floors (no HTTP, no JSON, 1 writer): raw batch insert %.0f rows/s "
                    + "(%.0f per CPU second), mlforge's store %.0f metrics/s (%.0f per CPU second); load average %.2f%n",
                    round, raw.rowsPerSecond(), raw.rowsPerCpuSecond(), store.rowsPerSecond(),
                    store.rowsPerCpuSecond(), loadAverage());
        }
        summarize(forgeRates, mlflowRates, rawFloors, storeFloors);
    }

    private void summarize(List<Window> forgeWindows, List<Window> mlflowWindows, List<SqliteFloors.Floor> rawFloors,
                           List<SqliteFloors.Floor> storeFloors) {
        List<Double> raw = rawFloors.stream().map(SqliteFloors.Floor::rowsPerSecond).toList();
        List<Double> store = storeFloors.stream().map(SqliteFloors.Floor::rowsPerSecond).toList();
        List<Double> forge = forgeWindows.stream().map(Window::metricsPerSecond).toList();
        List<Double> forgeCpu = forgeWindows.stream().map(Window::metricsPerCpuSecond).toList();
        double forgeMedian = median(forge);
        System.out.printf("median mlforge: %.0f metrics/s (rounds %s), %.0f metrics per CPU second (rounds %s)%n",
                forgeMedian, rounded(forge), median(forgeCpu), rounded(forgeCpu));
        List<Double> mlflow = mlflowWindows.stream().map(Window::metricsPerSecond).toList();
        if (!mlflow.isEmpty()) {
            List<Double> mlflowCpu = mlflowWindows.stream().map(Window::metricsPerCpuSecond).toList();
            double mlflowMedian = median(mlflow);
            System.out.printf("median MLflow 2.12: %.0f metrics/s (rounds %s), %.0f metrics per CPU second (rounds %s)%n",
                    mlflowMedian, rounded(mlflow), median(mlflowCpu), rounded(mlflowCpu));
            System.out.printf("ratio of medians mlforge / MLflow 2.12: %.1fx throughput, %.1fx metrics per CPU second%n",
                    forgeMedian / mlflowMedian, median(forgeCpu) / median(mlflowCpu));
        }
        System.out.printf("median raw SQLite batch-insert floor: %.0f rows/s (mlforge at %.2f of it); median mlforge "
                + "store floor: %.0f metrics/s (mlforge at %.2f of it)%n", median(raw), forgeMedian / median(raw),
                median(store), forgeMedian / median(store));
        double rawCpu = median(rawFloors.stream().map(SqliteFloors.Floor::rowsPerCpuSecond).toList());
        double storeCpu = median(storeFloors.stream().map(SqliteFloors.Floor::rowsPerCpuSecond).toList());
        System.out.printf("per CPU second: raw floor %.0f rows, store floor %.0f metrics; mlforge server at %.2f of the "
                + "raw floor%n", rawCpu, storeCpu, median(forgeCpu) / rawCpu);
        if (!mlflow.isEmpty()) {
            List<Double> mlflowCpu = mlflowWindows.stream().map(Window::metricsPerCpuSecond).toList();
            System.out.printf("raw floor / MLflow 2.12: %.1fx throughput, %.1fx per CPU second%n", median(raw) / median(mlflow),
                    rawCpu / median(mlflowCpu));
        }
    }

    /**
     * Points of mlforge's staged metric log (SQLite) not yet folded into the history table, read from its database file
     * while it runs: a window's CPU figure pays only for the folds done before the server went idle, and this says how
     * many it left. -1 when the database has no metric log (a build before it).
     */
    private long metricLogBacklog() {
        Path file = dir.resolve("mlforge").resolve("mlforge.db");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
             ResultSet rows = connection.createStatement().executeQuery("SELECT count(*) FROM metric_log")) {
            return rows.next() ? rows.getLong(1) : 0;
        } catch (SQLException noLog) {
            return -1;
        }
    }

    /** A server under test: each window posts to new runs, so every metric is a new row. */
    private record Target(String name, ServerProcess server, MlflowLoadClient client, int maxMetricsPerSecond) {}

    /**
     * One window against one server: acknowledged metrics per second of wall time, and metrics per second of the
     * server's CPU time (every body sent, over the CPU its processes used until they were idle again), which a
     * machine shared with other work disturbs less than throughput.
     */
    private record Window(IngestDriver.Result result, double metricsPerCpuSecond) {
        double metricsPerSecond() {
            return result.metricsPerSecond();
        }

        Window report(int round, String name) {
            System.out.printf("round %d: %-12s %9.0f metrics/s, %9.0f metrics per CPU second (%d bodies acknowledged in "
                    + "%d s, %d refused)%s%n", round, name, metricsPerSecond(), metricsPerCpuSecond,
                    result.acknowledgedBodies(), (int) result.seconds(), result.failedBodies(),
                    result.ranOutOfBodies() ? "; RAN OUT OF BODIES, the figure is too low" : "");
            if (result.failedBodies() > 0) {
                throw new IllegalStateException(name + " refused " + result.failedBodies() + " log-batch requests");
            }
            return this;
        }
    }

    private Window measure(Target target, int keys, int windowSeconds) throws Exception {
        String experimentId = target.client().createExperiment("ingest-" + System.nanoTime());
        // Enough bodies for the window at the target's highest plausible rate; a driver that runs out says so.
        int perConnection = (int) Math.ceil((double) target.maxMetricsPerSecond() * windowSeconds
                / LogBatchBodies.METRICS_PER_BODY / CONNECTIONS);
        List<List<String>> bodies = new ArrayList<>();
        for (int connection = 0; connection < CONNECTIONS; connection++) {
            String runId = target.client().createRun(experimentId);
            bodies.add(LogBatchBodies.forRun(runId, keys, perConnection, connection));
        }
        target.server().awaitIdle();
        Duration cpuBefore = target.server().cpuTime();
        IngestDriver.Result result = driver.run(target.server().baseUrl(), bodies, windowSeconds);
        target.server().awaitIdle();
        Duration cpu = target.server().cpuTime().minus(cpuBefore);
        return new Window(result, result.sentBodies() * (double) LogBatchBodies.METRICS_PER_BODY / (cpu.toNanos() / 1e9));
    }

    /** MLflow's server from {@code bench.mlflow}, or null (said so) when none is configured or it does not start. */
    private ServerProcess startMlflow() throws Exception {
        String command = System.getProperty("bench.mlflow", System.getenv("MLFORGE_BENCH_MLFLOW"));
        if (command == null || command.isBlank()) {
            System.out.println("MLflow 2.12: skipped (no -Dbench.mlflow / MLFORGE_BENCH_MLFLOW command; see docs/benchmarks.md)");
            return null;
        }
        Path mlflowDir = Files.createDirectories(dir.resolve("mlflow"));
        int port = ServerProcess.freePort();
        List<String> line = new ArrayList<>(Arrays.asList(command.trim().split("\\s+")));
        line.addAll(List.of("--backend-store-uri", "sqlite:///" + mlflowDir.resolve("mlflow.db").toAbsolutePath(),
                "--default-artifact-root", mlflowDir.resolve("artifacts").toAbsolutePath().toString(),
                "--host", "127.0.0.1", "--port", String.valueOf(port)));
        try {
            ServerProcess server = ServerProcess.start(line, port, dir.resolve("mlflow.log"), Duration.ofMinutes(3));
            System.out.println("MLflow: " + line.get(0) + " ... answering at " + server.baseUrl() + ", version "
                    + new MlflowLoadClient(server.baseUrl()).version());
            return server;
        } catch (Exception e) {
            System.out.println("MLflow 2.12: skipped, it did not start (" + e.getMessage() + ")");
            Path log = dir.resolve("mlflow.log");
            if (Files.exists(log)) {
                List<String> lines = Files.readAllLines(log);
                lines.subList(Math.max(0, lines.size() - 10), lines.size()).forEach(l -> System.out.println("  " + l));
            }
            return null;
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    private static String rounded(List<Double> values) {
        return values.stream().map(value -> String.format("%.0f", value)).toList().toString();
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

}
