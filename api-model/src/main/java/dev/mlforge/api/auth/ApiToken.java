package dev.mlforge.api.auth;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * An API token as listed: never its secret, which only the creation answer carries.
 *
 * @param id         id to revoke it by
 * @param name       what its owner called it
 * @param createdAt  epoch ms
 * @param expiresAt  epoch ms, absent when it does not expire
 * @param revokedAt  epoch ms, absent while valid
 * @param lastUsedAt epoch ms of the last use (to the minute), absent when never used
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiToken(
        @JsonProperty("id") String id,
        @JsonProperty("name") String name,
        @JsonProperty("created_at") long createdAt,
        @JsonProperty("expires_at") Long expiresAt,
        @JsonProperty("revoked_at") Long revokedAt,
        @JsonProperty("last_used_at") Long lastUsedAt) {

    /**
     * The body of {@code POST /api/v1/tokens}.
     *
     * @param name             a label
     * @param expiresInSeconds lifetime; absent for no expiry
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CreateRequest(
            @JsonProperty("name") String name,
            @JsonProperty("expires_in_seconds") Long expiresInSeconds) {
    }

    /**
     * The answer of {@code POST /api/v1/tokens}: the only time the secret is shown.
     *
     * @param token the token
     * @param secret what to send as {@code Authorization: Bearer <secret>} (or {@code MLFLOW_TRACKING_TOKEN})
     */
    public record Created(@JsonProperty("token") ApiToken token, @JsonProperty("secret") String secret) {
        @Override
        public String toString() {
            return "Created[token=" + token + ", secret=<redacted>]";
        }
    }

    /**
     * The answer of {@code GET /api/v1/tokens}.
     *
     * @param tokens the caller's tokens, oldest first
     */
    public record Page(@JsonProperty("tokens") List<ApiToken> tokens) {
    }
}
