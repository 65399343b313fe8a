package dev.mlforge.webhooks;

import dev.mlforge.config.ConfigValues;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Webhook settings: the URL schemes a webhook may use ({@code webhooks.allowed-schemes}, MLflow's default
 * {@code https}), the hosts it may reach although they are loopback or private addresses ({@code webhooks.allowed-hosts},
 * default none), and how deliveries are made: up to {@code webhooks.max-attempts} tries (MLflow: 1 + 3 retries) on a
 * connection error, a timeout ({@code webhooks.timeout-ms}, MLflow's 30 s), a 429 or a 5xx, waiting
 * {@code webhooks.initial-backoff-ms} after the first failure and twice as long after each further one, at most 60 s
 * (MLflow's backoff factor and cap). With {@code webhooks.secret-encryption-key} set, secrets are encrypted at rest
 * ({@link SecretCipher}). Deliveries run on at most {@code webhooks.sender-threads} threads, and the delivery log keeps
 * {@code webhooks.delivery-retention-days} days of attempts (0: all of them).
 */
public record WebhooksConfig(List<String> allowedSchemes, Set<String> allowedHosts, int maxAttempts, Duration initialBackoff,
        Duration timeout, String secretEncryptionKey, int senderThreads, Duration deliveryRetention) {
    static final Duration MAX_BACKOFF = Duration.ofSeconds(60);

    public WebhooksConfig {
        allowedSchemes = List.copyOf(allowedSchemes);
        allowedHosts = Set.copyOf(allowedHosts);
    }

    /** The key stays out of logs. */
    @Override
    public String toString() {
        return "WebhooksConfig[schemes=" + allowedSchemes + ", hosts=" + allowedHosts + ", attempts=" + maxAttempts
                + ", backoff=" + initialBackoff + ", timeout=" + timeout + ", key=" + (secretEncryptionKey.isEmpty() ? "none" : "set")
                + ", threads=" + senderThreads + ", retention=" + deliveryRetention + "]";
    }

    public static WebhooksConfig from(ConfigValues values) {
        return new WebhooksConfig(list(values.string("webhooks.allowed-schemes", "https")),
                Set.copyOf(list(values.string("webhooks.allowed-hosts", ""))),
                values.integer("webhooks.max-attempts", 4, 1, 20),
                Duration.ofMillis(values.longValue("webhooks.initial-backoff-ms", 1000, 1, 600_000)),
                Duration.ofMillis(values.longValue("webhooks.timeout-ms", 30_000, 100, 600_000)),
                values.string("webhooks.secret-encryption-key", ""),
                values.integer("webhooks.sender-threads", 4, 1, 64),
                Duration.ofDays(values.longValue("webhooks.delivery-retention-days", 30, 0, 3650)));
    }

    /** The wait before try {@code attempt + 1} after try {@code attempt} failed. */
    Duration backoffAfter(int attempt) {
        Duration backoff = initialBackoff.multipliedBy(1L << Math.min(attempt - 1, 20));
        return backoff.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff;
    }

    private static List<String> list(String text) {
        return Arrays.stream(text.split(",")).map(String::strip).filter(item -> !item.isEmpty())
                .map(item -> item.toLowerCase(Locale.ROOT)).toList();
    }
}
