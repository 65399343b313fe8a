package dev.mlforge.bench.sdk;

import dev.mlforge.api.tracking.CreateRunRequest;
import dev.mlforge.app.Application;
import dev.mlforge.config.ServerConfig;
import dev.mlforge.sdk.ActiveRun;
import dev.mlforge.sdk.MlforgeClient;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a training loop pays per {@code run.logMetric}: the SDK's buffered fluent API (metrics sent by a background
 * thread with log-batch) against a same-run baseline of one synchronous {@code runs/log-metric} call per metric,
 * both against the real server in-process on loopback with its embedded SQLite store.
 *
 * <p>Run: {@code ./mvnw -B -o -q -pl bench -am package -DskipTests && java -cp bench/target/mlforge-bench.jar
 * dev.mlforge.bench.sdk.MetricLoggingBench 200000 2000}
 */
public final class MetricLoggingBench {
    private MetricLoggingBench() {}

    public static void main(String[] args) throws Exception {
        int buffered = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int synchronous = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        Path dataDir = Files.createTempDirectory("mlforge-sdk-bench-");
        try (Application server = new Application(ServerConfig.forDataDir(dataDir)).start()) {
            MlforgeClient client = MlforgeClient.create(server.baseUrl());
            warmUp(client);

            long loopStart = System.nanoTime();
            long loopEnd;
            String runId;
            try (ActiveRun run = client.startRun("bench-buffered")) {
                runId = run.runId();
                for (int step = 0; step < buffered; step++) {
                    run.logMetric("loss", 1.0 / (step + 1), step);
                }
                loopEnd = System.nanoTime();
            }
            long closed = System.nanoTime();
            int stored = client.runs().metricHistory(runId, "loss").size();

            String experimentId = client.experiments().getOrCreate("bench-synchronous");
            String syncRun = client.runs().create(new CreateRunRequest(experimentId, "bench", null, null, null)).info().runId();
            long syncStart = System.nanoTime();
            for (int step = 0; step < synchronous; step++) {
                client.runs().logMetric(syncRun, "loss", 1.0 / (step + 1), System.currentTimeMillis(), step);
            }
            long syncEnd = System.nanoTime();

            double loopNsPerMetric = (loopEnd - loopStart) / (double) buffered;
            double bufferedThroughput = buffered / ((closed - loopStart) / 1e9);
            double syncNsPerMetric = (syncEnd - syncStart) / (double) synchronous;
            System.out.printf("buffered fluent API: %d metrics, caller pays %.0f ns/metric in the loop, all stored after close "
                    + "in %.0f ms (%.0f metrics/s end to end; %d stored)%n", buffered, loopNsPerMetric,
                    (closed - loopStart) / 1e6, bufferedThroughput, stored);
            System.out.printf("baseline, one runs/log-metric call per metric: %d metrics, %.0f ns/metric (%.0f metrics/s)%n",
                    synchronous, syncNsPerMetric, 1e9 / syncNsPerMetric);
            System.out.printf("caller-side speed-up of the buffered API: %.0fx; end-to-end throughput ratio: %.1fx%n",
                    syncNsPerMetric / loopNsPerMetric, bufferedThroughput / (1e9 / syncNsPerMetric));
        }
    }

    private static void warmUp(MlforgeClient client) {
        try (ActiveRun run = client.startRun("bench-warm-up")) {
            for (int step = 0; step < 5_000; step++) {
                run.logMetric("warm", step, step);
            }
            for (int i = 0; i < 200; i++) {
                client.runs().logMetric(run.runId(), "warm-sync", i, System.currentTimeMillis(), i);
            }
        }
    }
}
