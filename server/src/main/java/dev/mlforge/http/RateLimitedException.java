package dev.mlforge.http;

import dev.mlforge.api.ErrorCode;
import java.util.Map;

/**
 * A request refused because its caller sent more than its share: 429 {@code REQUEST_LIMIT_EXCEEDED} (MLflow's code for
 * it) with {@code Retry-After}, which MLflow's client honours before it retries.
 */
public final class RateLimitedException extends MlforgeException {
    private final long retryAfterSeconds;

    public RateLimitedException(String message, long retryAfterSeconds) {
        super(ErrorCode.REQUEST_LIMIT_EXCEEDED, message);
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    @Override
    public Map<String, String> headers() {
        return Map.of("Retry-After", Long.toString(retryAfterSeconds));
    }
}
