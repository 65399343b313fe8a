package dev.mlforge.bench.monitoring;

import dev.mlforge.events.InProcessEventBus;
import dev.mlforge.monitoring.alerts.AlertRuleRequest;
import dev.mlforge.monitoring.alerts.AlertService;
import dev.mlforge.monitoring.alerts.WebhookSettings;
import dev.mlforge.monitoring.monitors.CalculatorDriftEvaluator;
import dev.mlforge.monitoring.monitors.ColumnTable;
import dev.mlforge.monitoring.monitors.Monitor;
import dev.mlforge.monitoring.monitors.MonitorRequest;
import dev.mlforge.monitoring.monitors.MonitorService;
import dev.mlforge.monitoring.monitors.PredictionRow;
import dev.mlforge.monitoring.monitors.PredictionWindowSource;
import dev.mlforge.monitoring.monitors.ReferenceSpec;
import dev.mlforge.monitoring.monitors.WindowSpec;
import dev.mlforge.store.Database;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Wall time of one monitor run (reference and window in memory, SQLite store, gauges, two alert rules) for growing
 * windows, against a same-run baseline: the drift evaluation alone on the same data. The difference is what
 * monitoring adds around the statistics (row to column conversion, performance metrics, storing, gauges, alerts).
 *
 * <p>Run: {@code ./mvnw -B -o -q -pl bench -am package -DskipTests && java -cp bench/target/mlforge-bench.jar
 * dev.mlforge.bench.monitoring.MonitorRunBench 7}
 */
public final class MonitorRunBench {
    private static final int COLUMNS = 8;
    private static final int REFERENCE_ROWS = 5_000;

    private MonitorRunBench() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        Path dir = Files.createTempDirectory("mlforge-monitor-bench-");
        ColumnTable reference = reference(new Random(1));
        System.out.printf("%-10s %-14s %-16s %-14s%n", "window", "run median", "drift-only med", "overhead");
        for (int window : new int[] {1_000, 10_000, 100_000}) {
            List<PredictionRow> rows = rows(new Random(window), window);
            try (Database database = Database.open(null, dir.resolve("w" + window));
                    InProcessEventBus events = new InProcessEventBus()) {
                ScheduledExecutorService executor = MonitorService.newExecutor();
                AlertService alerts = AlertService.create(database, HttpClient::newHttpClient, executor,
                        new WebhookSettings(1, Duration.ofMillis(10), Duration.ofSeconds(1)), events, Clock.systemUTC());
                alerts.createRule(new AlertRuleRequest(null, "drift_share", ">", 0.5, 3, null, null));
                alerts.createRule(new AlertRuleRequest(null, "accuracy", "<", 0.5, 1, null, null));
                PredictionWindowSource source = new PredictionWindowSource() {
                    @Override
                    public Optional<String> workspaceOf(String deployment) {
                        return Optional.empty(); // the bench's rows belong to no deployment
                    }

                    @Override
                    public List<PredictionRow> lastPredictions(String deployment, int count) {
                        return rows;
                    }

                    @Override
                    public List<PredictionRow> predictionsSince(String deployment, Instant since) {
                        return rows;
                    }
                };
                try (MonitorService monitors = MonitorService.create(database, spec -> reference, source,
                        new CalculatorDriftEvaluator(), alerts, events, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                        executor, Clock.systemUTC())) {
                    Monitor monitor = monitors.create(new MonitorRequest("bench", ReferenceSpec.datasetVersion("ref", 1),
                            new WindowSpec(window, null), null, Map.of(), null, "classification"));
                    ColumnTable current = current(rows);
                    CalculatorDriftEvaluator drift = new CalculatorDriftEvaluator();
                    long[] runs = new long[rounds];
                    long[] driftOnly = new long[rounds];
                    for (int round = -2; round < rounds; round++) { // two warm-up rounds
                        long start = System.nanoTime();
                        monitors.run(monitor.id());
                        long run = System.nanoTime() - start;
                        start = System.nanoTime();
                        drift.evaluate(reference, current, Map.of(), 0.5);
                        long baseline = System.nanoTime() - start;
                        if (round >= 0) {
                            runs[round] = run;
                            driftOnly[round] = baseline;
                        }
                    }
                    double runMs = median(runs) / 1e6;
                    double driftMs = median(driftOnly) / 1e6;
                    System.out.printf("%-10d %-14s %-16s %-14s%n", window, fmt(runMs), fmt(driftMs), fmt(runMs - driftMs));
                }
            }
        }
    }

    private static ColumnTable reference(Random random) {
        Map<String, List<Object>> columns = new LinkedHashMap<>();
        for (int c = 0; c < COLUMNS; c++) {
            List<Object> values = new ArrayList<>(REFERENCE_ROWS);
            for (int i = 0; i < REFERENCE_ROWS; i++) {
                values.add(c % 4 == 3 ? "k" + random.nextInt(4) : random.nextGaussian());
            }
            columns.put("f" + c, values);
        }
        return new ColumnTable(columns);
    }

    private static List<PredictionRow> rows(Random random, int count) {
        List<PredictionRow> rows = new ArrayList<>(count);
        Instant now = Instant.now();
        for (int i = 0; i < count; i++) {
            Map<String, Object> inputs = new LinkedHashMap<>();
            for (int c = 0; c < COLUMNS; c++) {
                inputs.put("f" + c, c % 4 == 3 ? "k" + random.nextInt(4) : random.nextGaussian() + 0.1);
            }
            double p = random.nextDouble();
            rows.add(new PredictionRow("r" + i, i % 2 == 0 ? "1" : "2", now, inputs, p > 0.5 ? 1 : 0,
                    Map.of("0", 1 - p, "1", p), random.nextInt(2)));
        }
        return rows;
    }

    private static ColumnTable current(List<PredictionRow> rows) {
        Map<String, List<Object>> columns = new LinkedHashMap<>();
        for (int c = 0; c < COLUMNS; c++) {
            List<Object> values = new ArrayList<>(rows.size());
            for (PredictionRow row : rows) {
                values.add(row.inputs().get("f" + c));
            }
            columns.put("f" + c, values);
        }
        return new ColumnTable(columns);
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static String fmt(double millis) {
        return String.format("%.1f ms", millis);
    }
}
