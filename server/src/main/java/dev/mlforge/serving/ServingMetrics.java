package dev.mlforge.serving;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * Prometheus meters of serving, tagged {@code deployment} and {@code version} (requests and latency also
 * {@code traffic}: {@code live} or {@code shadow}). A version's meters are removed
 * when it is unloaded, so the label values stay bounded by the deployments and the versions they serve.
 */
final class ServingMetrics {
    /** The {@code traffic} label: requests clients sent, and the copies mirrored to a shadow model. */
    static final String LIVE = "live";
    static final String SHADOW = "shadow";

    /** A latency series; with an outcome, a request counter. Records, not joined strings: a lookup per request allocates nothing. */
    private record Series(String deployment, String version, String traffic) {}

    private record Outcome(Series series, String outcome) {}

    private final MeterRegistry registry;
    private final Map<Outcome, Counter> requests = new ConcurrentHashMap<>();
    private final Map<Series, Timer> latencies = new ConcurrentHashMap<>();
    private final Map<String, DistributionSummary> batchSizes = new ConcurrentHashMap<>();

    ServingMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * The prediction log's two counters: predictions written, and those dropped because its buffer was full (the log
     * never blocks a request, so under more traffic than its writer stores it keeps what it can). Their ratio is the
     * share of the traffic the log holds, which monitors and exports read.
     */
    void watch(PredictionLog log) {
        FunctionCounter.builder("mlforge_prediction_log_written", log, PredictionLog::written)
                .description("Predictions written to the prediction log").register(registry);
        FunctionCounter.builder("mlforge_prediction_log_dropped", log, PredictionLog::dropped)
                .description("Predictions left out of the prediction log because its buffer was full").register(registry);
    }

    /**
     * A live request (one a client sent). Outcomes: {@code ok}, {@code bad_request}, {@code overloaded},
     * {@code timeout}, {@code error}.
     */
    void request(String deployment, String version, String outcome, long nanos) {
        count(deployment, version, LIVE, outcome, nanos);
    }

    /**
     * A copy mirrored to the shadow model. Outcomes: {@code ok}, {@code error}, {@code dropped}. Tagged
     * {@code traffic="shadow"} so that error-rate and latency panels and rules, which select {@code traffic="live"},
     * count only what clients were answered.
     */
    void shadowRequest(String deployment, String version, String outcome, long nanos) {
        count(deployment, version, SHADOW, outcome, nanos);
    }

    private void count(String deployment, String version, String traffic, String outcome, long nanos) {
        Series series = new Series(deployment, version, traffic);
        counter(series, outcome).increment();
        if (nanos >= 0) {
            timer(series).record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    private Counter counter(Series series, String outcome) {
        return requests.computeIfAbsent(new Outcome(series, outcome), key -> Counter
                .builder("mlforge_serving_requests").description("Inference requests by deployment, version, traffic and outcome")
                .tags("deployment", series.deployment(), "version", series.version(), "traffic", series.traffic(), "outcome", outcome)
                .register(registry));
    }

    private Timer timer(Series series) {
        return latencies.computeIfAbsent(series, key -> Timer
                .builder("mlforge_serving_request_duration").description("Inference latency, queue and model")
                .tags("deployment", series.deployment(), "version", series.version(), "traffic", series.traffic())
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1)).register(registry));
    }

    private DistributionSummary batchSize(String deployment, String version) {
        return batchSizes.computeIfAbsent(deployment + '\0' + version, key -> DistributionSummary
                .builder("mlforge_serving_batch_size").description("Rows per model call").baseUnit("rows")
                .tags("deployment", deployment, "version", version).serviceLevelObjectives(1, 2, 4, 8, 16, 32, 64, 128)
                .register(registry));
    }

    /**
     * The meters a loaded version updates on every live request it answers and every batch it runs, looked up once
     * when it loads: the request path then builds no keys and makes no map lookups (the same meters as
     * {@link #request} updates).
     */
    VersionMeters versionMeters(String deployment, String version) {
        Series series = new Series(deployment, version, LIVE);
        return new VersionMeters(counter(series, "ok"), timer(series), batchSize(deployment, version));
    }

    /** A version's meters of answered live requests and of batch sizes. */
    record VersionMeters(Counter answered, Timer latency, DistributionSummary batchSize) {
        void answered(long nanos) {
            answered.increment();
            latency.record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    void queueDepth(String deployment, String version, IntSupplier depth) {
        Gauge.builder("mlforge_serving_queue_depth", depth::getAsInt).description("Requests waiting for the model")
                .tags("deployment", deployment, "version", version).register(registry);
    }

    void modelLoaded(String deployment, String version, Duration duration) {
        Timer.builder("mlforge_serving_model_load").description("Time to load and warm up a model version")
                .tags("deployment", deployment, "version", version).register(registry).record(duration);
    }

    /** Removes every meter of an unloaded version. */
    void forget(String deployment, String version) {
        for (Meter meter : registry.getMeters()) {
            if (meter.getId().getName().startsWith("mlforge_serving")
                    && deployment.equals(meter.getId().getTag("deployment"))
                    && version.equals(meter.getId().getTag("version"))) {
                registry.remove(meter);
            }
        }
        requests.keySet().removeIf(key -> key.series().deployment().equals(deployment) && key.series().version().equals(version));
        latencies.keySet().removeIf(key -> key.deployment().equals(deployment) && key.version().equals(version));
        batchSizes.remove(deployment + '\0' + version);
    }
}
