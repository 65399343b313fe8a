package dev.mlforge.monitoring.alerts;

import java.time.Duration;

/**
 * How webhooks are called: up to {@code maxAttempts} tries, waiting {@code initialBackoff} after the first failure and
 * twice as long after each further one, each try bounded by {@code timeout}.
 */
public record WebhookSettings(int maxAttempts, Duration initialBackoff, Duration timeout) {
    public WebhookSettings {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }

    Duration backoffAfter(int attempt) {
        return initialBackoff.multipliedBy(1L << Math.min(attempt - 1, 20));
    }
}
