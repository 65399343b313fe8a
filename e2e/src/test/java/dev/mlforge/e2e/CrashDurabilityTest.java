package dev.mlforge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every write the server acknowledged is still there after the server process is killed with SIGKILL in the
 * middle of a stream of concurrent writes.
 */
class CrashDurabilityTest {
    private static final int WRITERS = 4;

    @TempDir
    Path dataDir;

    @Test
    void acknowledged_writes_survive_kill_9_in_the_middle_of_concurrent_writes() throws Exception {
        String runId;
        AtomicIntegerArray lastAcknowledgedStep = new AtomicIntegerArray(WRITERS);
        try (ServerProcess server = new ServerProcess(dataDir).start()) {
            MlflowHttp api = new MlflowHttp(server.baseUrl());
            String experimentId = api.post("experiments/create", "{\"name\":\"durability\"}").get("experiment_id").asText();
            runId = api.post("runs/create", "{\"experiment_id\":\"" + experimentId + "\"}").at("/run/info/run_id").asText();

            ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
            List<Future<?>> futures = new ArrayList<>();
            for (int writer = 0; writer < WRITERS; writer++) {
                int id = writer;
                lastAcknowledgedStep.set(id, -1);
                futures.add(writers.submit(() -> {
                    for (int step = 0; ; step++) {
                        try {
                            api.post("runs/log-metric", "{\"run_id\":\"" + runId + "\",\"key\":\"loss_" + id
                                    + "\",\"value\":" + step + ",\"timestamp\":" + (1_700_000_000_000L + step)
                                    + ",\"step\":" + step + "}");
                            api.post("runs/log-parameter", "{\"run_id\":\"" + runId + "\",\"key\":\"w" + id + "_" + step
                                    + "\",\"value\":\"" + step + "\"}");
                        } catch (Exception serverGone) {
                            return null;
                        }
                        lastAcknowledgedStep.set(id, step);
                    }
                }));
            }
            awaitEveryWriterAcknowledged(lastAcknowledgedStep, 20);
            server.kill9();
            for (Future<?> future : futures) {
                future.get();
            }
            writers.shutdown();
        }

        assertDurable(runId, lastAcknowledgedStep);
    }

    /**
     * Points a log-batch staged in SQLite's metric log (acknowledged, not yet folded into the history table: this
     * server folds only at 10,000,000 rows or after an hour) survive kill -9; the restarted server folds them at start,
     * and a run's latest values, which log-batch leaves to the log's catch-up, are those of the last acknowledged batch.
     */
    @Test
    void acknowledged_metric_points_still_in_the_metric_log_survive_kill_9() throws Exception {
        Path config = Files.writeString(dataDir.resolve("no-fold.yaml"),
                "tracking.metric-log.fold-rows: 10000000\ntracking.metric-log.fold-millis: 3600000\n");
        String runId;
        int batches = 20;
        try (ServerProcess server = new ServerProcess(dataDir).start("--config", config.toString())) {
            MlflowHttp api = new MlflowHttp(server.baseUrl());
            String experimentId = api.post("experiments/create", "{\"name\":\"staged\"}").get("experiment_id").asText();
            runId = api.post("runs/create", "{\"experiment_id\":\"" + experimentId + "\"}").at("/run/info/run_id").asText();
            for (int batch = 0; batch < batches; batch++) {
                StringBuilder metrics = new StringBuilder();
                for (int key = 0; key < 50; key++) {
                    metrics.append(key == 0 ? "" : ",").append("{\"key\":\"m").append(key).append("\",\"value\":")
                            .append(batch).append(",\"timestamp\":").append(1_700_000_000_000L + batch)
                            .append(",\"step\":").append(batch).append('}');
                }
                api.post("runs/log-batch", "{\"run_id\":\"" + runId + "\",\"metrics\":[" + metrics + "]}");
            }
            assertThat(metricLogRows()).as("acknowledged points wait in the log").isEqualTo(batches * 50L);
            server.kill9();
        }
        try (ServerProcess restarted = new ServerProcess(dataDir).start()) {
            MlflowHttp api = new MlflowHttp(restarted.baseUrl());
            for (int key = 0; key < 50; key += 7) {
                JsonNode history = api.get("metrics/get-history?run_id=" + runId + "&metric_key=m" + key).get("metrics");
                assertThat(history).as("history of m%d", key).hasSize(batches);
            }
            // the latest values were never brought forward before the kill: the restarted server takes them from the log
            JsonNode latest = api.get("runs/get?run_id=" + runId).at("/run/data/metrics");
            assertThat(latest).hasSize(50);
            latest.forEach(metric -> assertThat(metric.get("step").asLong()).as("latest step of %s", metric.get("key"))
                    .isEqualTo(batches - 1));
            assertThat(metricLogRows()).as("folded into the history at start").isZero();
        }
    }

    private long metricLogRows() throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("mlforge.db"));
             ResultSet count = connection.createStatement().executeQuery("SELECT count(*) FROM metric_log")) {
            count.next();
            return count.getLong(1);
        }
    }

    /** Kills only once writes are in full flow; how long that takes depends on the machine, not on the property tested. */
    private static void awaitEveryWriterAcknowledged(AtomicIntegerArray lastAcknowledgedStep, int steps) throws InterruptedException {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline) {
            boolean all = true;
            for (int writer = 0; writer < WRITERS; writer++) {
                all &= lastAcknowledgedStep.get(writer) >= steps;
            }
            if (all) {
                return;
            }
            Thread.sleep(20);
        }
    }

    private void assertDurable(String runId, AtomicIntegerArray lastAcknowledgedStep) throws Exception {
        try (ServerProcess restarted = new ServerProcess(dataDir).start()) {
            MlflowHttp api = new MlflowHttp(restarted.baseUrl());
            JsonNode run = api.get("runs/get?run_id=" + runId).get("run");
            Set<String> params = new HashSet<>();
            run.at("/data/params").forEach(param -> params.add(param.get("key").asText()));
            for (int writer = 0; writer < WRITERS; writer++) {
                int last = lastAcknowledgedStep.get(writer);
                assertThat(last).as("writer %d got acknowledgements before the kill", writer).isGreaterThanOrEqualTo(20);
                JsonNode history = api.get("metrics/get-history?run_id=" + runId + "&metric_key=loss_" + writer);
                Set<Integer> steps = new HashSet<>();
                history.get("metrics").forEach(metric -> steps.add(metric.get("step").asInt()));
                for (int step = 0; step <= last; step++) {
                    assertThat(steps).as("acknowledged metric of writer %d at step %d", writer, step).contains(step);
                    assertThat(params).as("acknowledged param of writer %d at step %d", writer, step).contains("w" + writer + "_" + step);
                }
            }
        }
    }
}
