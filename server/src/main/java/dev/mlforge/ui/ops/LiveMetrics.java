package dev.mlforge.ui.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Live traffic of a deployment read from the server's own Prometheus meters (the ones {@code /metrics} exposes):
 * requests per second and mean latency over the last interval between two reads, and totals since start. The UI
 * keeps a few samples per deployment, so a page polling every couple of seconds sees a moving rate.
 */
final class LiveMetrics {
    private static final String REQUESTS = "mlforge_serving_requests";
    private static final String DURATION = "mlforge_serving_request_duration";
    /** Samples older than this are dropped; the rate spans the oldest sample kept that is at least a second old. */
    private static final long WINDOW_MILLIS = 30_000;
    private static final int MAX_SAMPLES = 64;

    private final MeterRegistry registry;
    private final Clock clock;
    private final Map<String, Deque<Sample>> samples = new ConcurrentHashMap<>();

    private record Sample(long millis, double requests, double latencyCount, double latencyMillis) {}

    /**
     * What the deployment's traffic looks like now.
     *
     * @param requestsPerSecond NaN until two samples a second apart exist
     * @param meanLatencyMillis over the same interval; NaN when no request came in it
     * @param p95LatencyMillis  since start, from the latency histogram; NaN before the first request
     */
    record Live(String deployment, double requestsPerSecond, double meanLatencyMillis, double p95LatencyMillis,
            long totalRequests, long failedRequests, double windowSeconds) {}

    LiveMetrics(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    Live read(String deployment) {
        double total = 0;
        double failed = 0;
        for (Counter counter : registry.find(REQUESTS).tag("deployment", deployment).tag("traffic", "live").counters()) {
            total += counter.count();
            if (!"ok".equals(counter.getId().getTag("outcome"))) {
                failed += counter.count();
            }
        }
        double latencyCount = 0;
        double latencyMillis = 0;
        double p95 = Double.NaN;
        for (Timer timer : registry.find(DURATION).tag("deployment", deployment).tag("traffic", "live").timers()) {
            latencyCount += timer.count();
            latencyMillis += timer.totalTime(TimeUnit.MILLISECONDS);
            p95 = Double.isNaN(p95) ? p95(timer.takeSnapshot()) : Math.max(p95, p95(timer.takeSnapshot()));
        }
        Sample now = new Sample(clock.millis(), total, latencyCount, latencyMillis);
        Sample base = remember(deployment, now);
        double rate = Double.NaN;
        double mean = Double.NaN;
        double seconds = 0;
        if (base != null) {
            seconds = (now.millis() - base.millis()) / 1000.0;
            rate = (now.requests() - base.requests()) / seconds;
            double count = now.latencyCount() - base.latencyCount();
            mean = count > 0 ? (now.latencyMillis() - base.latencyMillis()) / count : Double.NaN;
        }
        return new Live(deployment, rate, mean, p95, (long) total, (long) failed, seconds);
    }

    /** Keeps {@code now} and answers the oldest sample of the window that is at least a second older, or null. */
    private Sample remember(String deployment, Sample now) {
        Deque<Sample> kept = samples.computeIfAbsent(deployment, key -> new ArrayDeque<>());
        synchronized (kept) {
            while (!kept.isEmpty() && (now.millis() - kept.peekFirst().millis() > WINDOW_MILLIS || kept.size() >= MAX_SAMPLES)) {
                kept.pollFirst();
            }
            Sample base = kept.isEmpty() || now.millis() - kept.peekFirst().millis() < 1000 ? null : kept.peekFirst();
            if (kept.isEmpty() || now.millis() - kept.peekLast().millis() >= 500) {
                kept.addLast(now);
            }
            return base;
        }
    }

    /** The 95th percentile from the timer's cumulative buckets (the upper bound of the bucket it falls in). */
    private static double p95(HistogramSnapshot snapshot) {
        CountAtBucket[] buckets = snapshot.histogramCounts();
        if (snapshot.count() == 0) {
            return Double.NaN;
        }
        if (buckets.length == 0) {
            return snapshot.max(TimeUnit.MILLISECONDS);
        }
        double target = snapshot.count() * 0.95;
        for (CountAtBucket bucket : buckets) {
            if (bucket.count() >= target) {
                return bucket.bucket(TimeUnit.MILLISECONDS);
            }
        }
        return snapshot.max(TimeUnit.MILLISECONDS);
    }
}
