package dev.mlforge.monitoring;

import dev.mlforge.config.ConfigValues;
import dev.mlforge.monitoring.alerts.WebhookSettings;
import java.time.Duration;

/**
 * Monitoring settings: how alert webhooks are called ({@code monitoring.webhook-max-attempts},
 * {@code monitoring.webhook-initial-backoff-ms}, {@code monitoring.webhook-timeout-ms}), and which hosts they may
 * reach although they are loopback or private addresses ({@code monitoring.webhook-allowed-hosts}, comma-separated
 * host names or IP literals, default none); and from which reference size a monitor run computes drift on the
 * bounded-memory engine ({@code monitoring.large-drift-bytes}, {@code monitoring.large-drift-memory-limit}; see
 * {@link LargeDriftSettings}).
 */
public record MonitoringConfig(WebhookSettings webhooks, LargeDriftSettings largeDrift) {

    /**
     * Monitor runs whose reference file has at least {@code thresholdBytes} bytes compute drift on the embedded
     * columnar engine ({@link dev.mlforge.monitoring.drift.LargeDrift}): the reference is scanned in place, never held
     * in the heap, the engine keeps to {@code memoryLimit} (off the heap) and spills to {@code spillDirectory}. Null
     * settings (no data directory) keep every run in memory.
     *
     * @param thresholdBytes {@code monitoring.large-drift-bytes}, default 64 MiB; 0 sends every run to the engine
     * @param memoryLimit    {@code monitoring.large-drift-memory-limit}, DuckDB's notation, default {@code 1GB}
     * @param spillDirectory {@code <data-dir>/monitoring/drift-spill}
     */
    public record LargeDriftSettings(long thresholdBytes, String memoryLimit, java.nio.file.Path spillDirectory) {}

    public static MonitoringConfig from(ConfigValues values) {
        return from(values, null);
    }

    /** As {@link #from(ConfigValues)}, spilling large drift computations below {@code dataDir} (null: never). */
    public static MonitoringConfig from(ConfigValues values, java.nio.file.Path dataDir) {
        int attempts = values.integer("monitoring.webhook-max-attempts", 5, 1, 20);
        long backoff = values.longValue("monitoring.webhook-initial-backoff-ms", 500, 1, 600_000);
        long timeout = values.longValue("monitoring.webhook-timeout-ms", 10_000, 100, 600_000);
        java.util.Set<String> allowedHosts = java.util.Arrays.stream(values.string("monitoring.webhook-allowed-hosts", "").split(","))
                .map(String::strip).filter(host -> !host.isEmpty()).collect(java.util.stream.Collectors.toSet());
        LargeDriftSettings largeDrift = dataDir == null ? null : new LargeDriftSettings(
                values.longValue("monitoring.large-drift-bytes", 64L << 20, 0, 1L << 40),
                values.string("monitoring.large-drift-memory-limit", "1GB"),
                dataDir.resolve("monitoring").resolve("drift-spill"));
        return new MonitoringConfig(new WebhookSettings(attempts, Duration.ofMillis(backoff), Duration.ofMillis(timeout), allowedHosts),
                largeDrift);
    }
}
