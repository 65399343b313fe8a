package dev.mlforge.bench.search;

import dev.mlforge.bench.tracking.MlflowLoadClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Seeds runs over the MLflow HTTP API as users log them, from 4 concurrent clients. Each run gets a name
 * {@code run-<i>}, a tag {@code team} (10 values {@code t0..t9}), 10 params {@code p0..p9} with 4 values
 * {@code 'a'..'d'} each, 10 metrics {@code m0..m9} uniform in [0, 1), and a status: a quarter stay RUNNING, half
 * FINISHED, a quarter FAILED.
 */
final class RunSeeder {
    static final int CLIENTS = 4;
    private final MlflowLoadClient client;

    RunSeeder(MlflowLoadClient client) {
        this.client = client;
    }

    /** Seeds runs {@code 0..count-1} into the experiment; returns the seconds it took. */
    double seed(String experimentId, int count) throws Exception {
        long start = System.nanoTime();
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < CLIENTS; t++) {
            futures.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    seedRun(experimentId, i);
                    if (i > 0 && i % 10_000 == 0) {
                        System.out.printf("  seeded %d runs, %.0f s%n", i, (System.nanoTime() - start) / 1e9);
                    }
                }
                return null;
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
        pool.shutdown();
        return (System.nanoTime() - start) / 1e9;
    }

    /** Creates run {@code index} with its three requests; returns its id. */
    String seedRun(String experimentId, int index) throws Exception {
        Random random = new Random(index);
        long startTime = 1_700_000_000_000L + index * 1000L;
        String runId = client.post("runs/create", "{\"experiment_id\":\"" + experimentId + "\",\"run_name\":\"run-"
                + index + "\",\"start_time\":" + startTime + ",\"tags\":[{\"key\":\"team\",\"value\":\"t" + (index % 10)
                + "\"}]}").at("/run/info/run_id").asText();
        StringBuilder body = new StringBuilder(1200).append("{\"run_id\":\"").append(runId).append("\",\"params\":[");
        for (int p = 0; p < 10; p++) {
            body.append(p > 0 ? "," : "").append("{\"key\":\"p").append(p).append("\",\"value\":\"")
                    .append((char) ('a' + random.nextInt(4))).append("\"}");
        }
        body.append("],\"metrics\":[");
        for (int m = 0; m < 10; m++) {
            body.append(m > 0 ? "," : "").append("{\"key\":\"m").append(m).append("\",\"value\":")
                    .append(random.nextDouble()).append(",\"timestamp\":").append(startTime).append(",\"step\":0}");
        }
        client.post("runs/log-batch", body.append("]}").toString());
        int quarter = index % 4;
        if (quarter != 0) {
            client.post("runs/update", "{\"run_id\":\"" + runId + "\",\"status\":\"" + (quarter == 3 ? "FAILED" : "FINISHED")
                    + "\",\"end_time\":" + (startTime + 500) + "}");
        }
        return runId;
    }
}
