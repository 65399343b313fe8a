package dev.mlforge.monitoring.monitors;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Prometheus gauges of the latest monitor run per deployment. Labels stay bounded: {@code deployment}, plus
 * {@code column} (the monitored columns) or {@code metric} (the fixed set of quality metrics). The gauges of a
 * deployment are removed when its last monitor is deleted.
 */
final class MonitorMetrics {
    static final String COLUMN_DRIFT_SCORE = "mlforge_monitor_column_drift_score";
    static final String COLUMN_DRIFTED = "mlforge_monitor_column_drifted";
    static final String DATASET_DRIFT = "mlforge_monitor_dataset_drift";
    static final String DRIFT_SHARE = "mlforge_monitor_drift_share";
    static final String DRIFTED_COLUMNS = "mlforge_monitor_drifted_columns";
    static final String PERFORMANCE = "mlforge_monitor_performance";
    static final String LAST_RUN = "mlforge_monitor_last_run_timestamp_seconds";
    static final String RUNS = "mlforge_monitor_runs";

    private final MeterRegistry registry;
    private record Key(String name, Tags tags) {}

    private final Map<Key, AtomicLong> values = new ConcurrentHashMap<>();

    MonitorMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void record(MonitorResult result) {
        String deployment = result.deployment();
        Tags tags = Tags.of("deployment", deployment);
        for (StoredColumnDrift column : result.drift().columns()) {
            Tags columnTags = tags.and("column", column.column());
            set(COLUMN_DRIFT_SCORE, "Drift score of a column (p-value or distance, see the method)", columnTags, column.score());
            set(COLUMN_DRIFTED, "1 when the column drifted in the latest run", columnTags, column.drifted() ? 1 : 0);
        }
        set(DATASET_DRIFT, "1 when the share of drifted columns reached the monitor's drift share", tags,
                result.drift().datasetDrift() ? 1 : 0);
        set(DRIFT_SHARE, "Share of drifted columns in the latest run", tags, result.drift().driftShare());
        set(DRIFTED_COLUMNS, "Number of drifted columns in the latest run", tags, result.drift().driftedColumns());
        result.performance().forEach((metric, value) ->
                set(PERFORMANCE, "Model quality from feedback labels in the latest window", tags.and("metric", metric), value));
        set(LAST_RUN, "Unix time of the latest monitor run", tags, result.time().toEpochMilli() / 1000.0);
        run(deployment, "ok");
    }

    void run(String deployment, String outcome) {
        Counter.builder(RUNS).description("Monitor runs by outcome (ok, failed)")
                .tags("deployment", deployment, "outcome", outcome).register(registry).increment();
    }

    private void set(String name, String description, Tags tags, double value) {
        AtomicLong bits = values.computeIfAbsent(new Key(name, tags), key -> {
            AtomicLong created = new AtomicLong();
            Gauge.builder(name, created, holder -> Double.longBitsToDouble(holder.get())).description(description)
                    .tags(tags).strongReference(true).register(registry);
            return created;
        });
        bits.set(Double.doubleToLongBits(value));
    }

    /** Removes every monitoring meter of {@code deployment}. */
    void forget(String deployment) {
        List<Meter> meters = registry.getMeters().stream()
                .filter(meter -> meter.getId().getName().startsWith("mlforge_monitor_")
                        && deployment.equals(meter.getId().getTag("deployment")))
                .toList();
        meters.forEach(registry::remove);
        values.keySet().removeIf(key -> key.tags().stream().anyMatch(tag -> tag.getKey().equals("deployment")
                && tag.getValue().equals(deployment)));
    }
}
