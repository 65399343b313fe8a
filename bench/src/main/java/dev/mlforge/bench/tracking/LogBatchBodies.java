package dev.mlforge.bench.tracking;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The log-batch request bodies of the ingest comparison, built before any clock starts: each body holds 1000 metrics
 * that are new rows (never sent before), in one of two shapes, and the values of body {@code n} of connection {@code c}
 * are the same for every server measured:
 * <ul>
 *   <li>{@code keys = 1000}: 1000 distinct keys {@code m0..m999}, one value each at the body's own step;</li>
 *   <li>{@code keys = 20}: 20 keys over 50 steps each (a training loop's shape; what {@code TrackingLoadBench}'s
 *       in-process ingest sends).</li>
 * </ul>
 */
public final class LogBatchBodies {
    public static final int METRICS_PER_BODY = 1000;

    private LogBatchBodies() {}

    /** {@code count} bodies for the run {@code runId}, the values drawn from a generator seeded with {@code seed}. */
    public static List<String> forRun(String runId, int keys, int count, long seed) {
        if (METRICS_PER_BODY % keys != 0) {
            throw new IllegalArgumentException("keys must divide " + METRICS_PER_BODY);
        }
        Random random = new Random(seed);
        List<String> bodies = new ArrayList<>(count);
        for (int batch = 0; batch < count; batch++) {
            bodies.add(body(runId, keys, batch, random));
        }
        return bodies;
    }

    /** Metric {@code i} of body {@code batch}: its key index and its step. */
    static int key(int keys, int i) {
        return i % keys;
    }

    static long step(int keys, int batch, int i) {
        return (long) batch * (METRICS_PER_BODY / keys) + i / keys;
    }

    private static String body(String runId, int keys, int batch, Random random) {
        StringBuilder body = new StringBuilder(80 * METRICS_PER_BODY).append("{\"run_id\":\"").append(runId)
                .append("\",\"metrics\":[");
        long timestamp = 1_700_000_000_000L + batch;
        for (int i = 0; i < METRICS_PER_BODY; i++) {
            if (i > 0) {
                body.append(',');
            }
            body.append("{\"key\":\"m").append(key(keys, i)).append("\",\"value\":").append(random.nextDouble())
                    .append(",\"timestamp\":").append(timestamp).append(",\"step\":").append(step(keys, batch, i))
                    .append('}');
        }
        return body.append("]}").toString();
    }
}
