package dev.mlforge.sdk;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How often and how long the client waits before repeating a failed call: exponential backoff with jitter.
 *
 * @param maxRetries the number of repetitions after the first attempt (0 disables retries)
 * @param initialBackoff the wait before the first repetition
 * @param maxBackoff the longest wait between two attempts
 */
record RetryPolicy(int maxRetries, Duration initialBackoff, Duration maxBackoff) {

    RetryPolicy {
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must be >= 0, got " + maxRetries);
        }
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("need 0 <= initialBackoff <= maxBackoff, got " + initialBackoff + ", " + maxBackoff);
        }
    }

    /**
     * The wait before repetition number {@code retry} (0-based): initial * 2^retry, capped, with up to 25% jitter.
     * A server's {@code Retry-After} (seconds) wins when it is longer, still capped at the maximum.
     */
    Duration backoff(int retry, Duration retryAfter) {
        long base = initialBackoff.toMillis() << Math.min(retry, 20);
        long capped = Math.min(base, maxBackoff.toMillis());
        long jitter = capped <= 0 ? 0 : ThreadLocalRandom.current().nextLong(capped / 4 + 1);
        long wait = Math.min(capped + jitter, maxBackoff.toMillis());
        if (retryAfter != null) {
            wait = Math.max(wait, Math.min(retryAfter.toMillis(), maxBackoff.toMillis()));
        }
        return Duration.ofMillis(wait);
    }

    /**
     * Whether an error answer may be repeated. 429 and 503 mean the server did not process the call, so any
     * call may be repeated; other 5xx answers only for idempotent calls.
     */
    boolean retriesStatus(int status, boolean idempotent) {
        return status == 429 || status == 503 || (idempotent && status >= 500);
    }
}
