package dev.mlforge.serving;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;

/**
 * Prometheus meters of serving, tagged {@code deployment} and {@code version}. A version's meters are removed
 * when it is unloaded, so the label values stay bounded by the deployments and the versions they serve.
 */
final class ServingMetrics {
    private final MeterRegistry registry;
    private final Map<String, Counter> requests = new ConcurrentHashMap<>();
    private final Map<String, Timer> latencies = new ConcurrentHashMap<>();
    private final Map<String, DistributionSummary> batchSizes = new ConcurrentHashMap<>();

    ServingMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Outcomes: {@code ok}, {@code bad_request}, {@code overloaded}, {@code timeout}, {@code error}, {@code shadow_ok}, {@code shadow_error}. */
    void request(String deployment, String version, String outcome, long nanos) {
        requests.computeIfAbsent(deployment + '\0' + version + '\0' + outcome, key -> Counter
                .builder("mlforge_serving_requests").description("Inference requests by deployment, version and outcome")
                .tags("deployment", deployment, "version", version, "outcome", outcome).register(registry)).increment();
        if (nanos >= 0) {
            latencies.computeIfAbsent(deployment + '\0' + version, key -> Timer
                    .builder("mlforge_serving_request_duration").description("Inference latency, queue and model")
                    .tags("deployment", deployment, "version", version).publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(1)).register(registry)).record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }

    void batch(String deployment, String version, int rows) {
        batchSizes.computeIfAbsent(deployment + '\0' + version, key -> DistributionSummary
                .builder("mlforge_serving_batch_size").description("Rows per model call").baseUnit("rows")
                .tags("deployment", deployment, "version", version).serviceLevelObjectives(1, 2, 4, 8, 16, 32, 64, 128)
                .register(registry)).record(rows);
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
        String prefix = deployment + '\0' + version + '\0';
        requests.keySet().removeIf(key -> key.startsWith(prefix));
        latencies.remove(deployment + '\0' + version);
        batchSizes.remove(deployment + '\0' + version);
    }
}
