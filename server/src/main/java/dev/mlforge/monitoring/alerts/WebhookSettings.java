package dev.mlforge.monitoring.alerts;

import java.time.Duration;
import java.util.Set;

/**
 * How webhooks are called: up to {@code maxAttempts} tries, waiting {@code initialBackoff} after the first failure and
 * twice as long after each further one, each try bounded by {@code timeout}; hosts in {@code allowedHosts} may be
 * loopback or private addresses (see {@link WebhookTargets}).
 */
public record WebhookSettings(int maxAttempts, Duration initialBackoff, Duration timeout, Set<String> allowedHosts) {
    public WebhookSettings {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        allowedHosts = Set.copyOf(allowedHosts);
    }

    /** Settings under which only public addresses may be called. */
    public WebhookSettings(int maxAttempts, Duration initialBackoff, Duration timeout) {
        this(maxAttempts, initialBackoff, timeout, Set.of());
    }

    Duration backoffAfter(int attempt) {
        return initialBackoff.multipliedBy(1L << Math.min(attempt - 1, 20));
    }
}
