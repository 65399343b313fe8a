package dev.mlforge.bench.tracking;

import dev.mlforge.app.Application;
import dev.mlforge.config.ConfigValues;
import dev.mlforge.config.ServerConfig;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * What the audit trail costs log-batch ingest: a fixed amount of work (4 clients x {@value #BATCHES} log-batch
 * requests of 1000 metrics, after a warm-up of 50 each, bodies made before the clock starts) against a fresh in-process
 * server with {@code audit.enabled} false and true, alternating round by round so both sides see the same moments of a
 * shared machine, in ABBA order. Reported: throughput, and the process's CPU time per batch (client and server share the process;
 * the difference between the two sides is the trail's cost, and CPU time moves less than throughput when other
 * processes load the machine). Medians of the rounds.
 *
 * <p>Run: {@code java -cp bench/target/mlforge-bench.jar dev.mlforge.bench.tracking.AuditIngestBench [rounds]}.
 */
public final class AuditIngestBench {
    private static final int CLIENTS = 4;
    private static final int WARM_UP = 50;
    private static final int BATCHES = 250;

    private AuditIngestBench() {}

    /** One side of one round: metrics per second and process CPU milliseconds per batch. */
    private record Sample(double metricsPerSecond, double cpuMsPerBatch) {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        List<Sample> off = new ArrayList<>();
        List<Sample> on = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            // ABBA order: a side that runs second in a pair (warmer JIT, the first server's leftovers) swaps each round.
            boolean offFirst = round % 2 == 1;
            Sample first = ingest(!offFirst);
            Sample second = ingest(offFirst);
            Sample without = offFirst ? first : second;
            Sample with = offFirst ? second : first;
            off.add(without);
            on.add(with);
            System.out.printf("round %d: audit off %.0f metrics/s %.2f CPU ms/batch; on %.0f metrics/s %.2f CPU ms/batch%n",
                    round, without.metricsPerSecond(), without.cpuMsPerBatch(), with.metricsPerSecond(), with.cpuMsPerBatch());
        }
        double rateOff = median(off.stream().map(Sample::metricsPerSecond).toList());
        double rateOn = median(on.stream().map(Sample::metricsPerSecond).toList());
        double cpuOff = median(off.stream().map(Sample::cpuMsPerBatch).toList());
        double cpuOn = median(on.stream().map(Sample::cpuMsPerBatch).toList());
        System.out.printf("log-batch ingest, medians of %d rounds: throughput off %.0f, on %.0f metrics/s (%+.1f%%); "
                + "CPU per batch off %.2f, on %.2f ms (%+.1f%%)%n", rounds, rateOff, rateOn, 100 * (rateOn / rateOff - 1),
                cpuOff, cpuOn, 100 * (cpuOn / cpuOff - 1));
    }

    private static Sample ingest(boolean audited) throws Exception {
        Path dataDir = Files.createTempDirectory("mlforge-bench-audit-");
        ServerConfig config = ServerConfig.from(ConfigValues.of(Map.of("host", "127.0.0.1", "port", "0",
                "data-dir", dataDir.toString(), "audit.enabled", Boolean.toString(audited), "log-level", "WARN")));
        try (Application app = new Application(config).start()) {
            MlflowLoadClient client = new MlflowLoadClient(app.baseUrl());
            post(client, bodies(client, WARM_UP));
            List<List<String>> bodies = bodies(client, BATCHES);
            long cpuBefore = processCpuNanos();
            long writerBefore = writerCpuNanos();
            long start = System.nanoTime();
            post(client, bodies);
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuMs = (processCpuNanos() - cpuBefore) / 1e6;
            double writerMs = (writerCpuNanos() - writerBefore) / 1e6;
            if (audited) {
                System.out.printf("  audited side: the audit writer thread used %.3f CPU ms per batch%n",
                        writerMs / (CLIENTS * BATCHES));
                System.out.printf("  audited side: %d records, chain verified: %s%n",
                        app.audit().service().verify().recordsChecked(), app.audit().service().verify().valid());
            }
            return new Sample(CLIENTS * BATCHES * 1000 / seconds, cpuMs / (CLIENTS * BATCHES));
        }
    }

    private static List<List<String>> bodies(MlflowLoadClient client, int batches) throws Exception {
        return runBodies(client, CLIENTS, batches);
    }

    /**
     * One run per client in a new experiment (created by the client's caller, who then manages it), with
     * {@code batches} log-batch bodies of 1000 metrics each, made before any clock starts.
     */
    public static List<List<String>> runBodies(MlflowLoadClient client, int clients, int batches) throws Exception {
        String experimentId = client.createExperiment("ingest-" + System.nanoTime());
        List<List<String>> bodies = new ArrayList<>();
        for (int t = 0; t < clients; t++) {
            String runId = client.createRun(experimentId);
            Random random = new Random(runId.hashCode());
            List<String> own = new ArrayList<>(batches);
            for (int batch = 0; batch < batches; batch++) {
                own.add(TrackingLoadBench.batchBody(runId, batch, random));
            }
            bodies.add(own);
        }
        return bodies;
    }

    private static void post(MlflowLoadClient client, List<List<String>> bodies) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (List<String> own : bodies) {
                futures.add(pool.submit(() -> {
                    for (String body : own) {
                        client.post("runs/log-batch", body);
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    /** CPU time of the audit writer thread so far (0 when there is none). */
    private static long writerCpuNanos() {
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long total = 0;
        for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().equals("mlforge-audit-writer")) {
                total += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return total;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }
}
