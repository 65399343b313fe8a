package dev.mlforge.monitoring;

import dev.mlforge.config.ConfigValues;
import dev.mlforge.monitoring.alerts.WebhookSettings;
import java.time.Duration;

/**
 * Monitoring settings: how alert webhooks are called ({@code monitoring.webhook-max-attempts},
 * {@code monitoring.webhook-initial-backoff-ms}, {@code monitoring.webhook-timeout-ms}), and which hosts they may
 * reach although they are loopback or private addresses ({@code monitoring.webhook-allowed-hosts}, comma-separated
 * host names or IP literals, default none).
 */
public record MonitoringConfig(WebhookSettings webhooks) {

    public static MonitoringConfig from(ConfigValues values) {
        int attempts = values.integer("monitoring.webhook-max-attempts", 5, 1, 20);
        long backoff = values.longValue("monitoring.webhook-initial-backoff-ms", 500, 1, 600_000);
        long timeout = values.longValue("monitoring.webhook-timeout-ms", 10_000, 100, 600_000);
        java.util.Set<String> allowedHosts = java.util.Arrays.stream(values.string("monitoring.webhook-allowed-hosts", "").split(","))
                .map(String::strip).filter(host -> !host.isEmpty()).collect(java.util.stream.Collectors.toSet());
        return new MonitoringConfig(new WebhookSettings(attempts, Duration.ofMillis(backoff), Duration.ofMillis(timeout), allowedHosts));
    }
}
