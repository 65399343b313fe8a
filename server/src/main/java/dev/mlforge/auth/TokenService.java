package dev.mlforge.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.mlforge.api.ErrorCode;
import dev.mlforge.http.MlforgeException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * API tokens: {@code mlf_} and 32 random bytes, shown once at creation and stored only as their SHA-256 hash, with an
 * optional expiry, revocation, and a last-used time written at most once a minute per token (not a write per
 * request). Lookups of valid tokens are cached and forgotten on revocation or when users change, here or on another
 * server sharing the store ({@link AuthChanges}).
 */
public final class TokenService {
    static final String PREFIX = "mlf_";
    private static final long TOUCH_INTERVAL_MS = 60_000;

    private final UserStore store;
    private final Clock clock;
    private final SecureRandom random;
    private final Cache<String, ApiTokenEntity> bySecretHash = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterWrite(Duration.ofMinutes(10)).build();
    /** Token id -> when its last use was last written. */
    private final Map<String, Long> lastWritten = new ConcurrentHashMap<>();

    private final AuthChanges changes;

    TokenService(UserStore store, Clock clock, SecureRandom random, AuthChanges changes) {
        this.store = store;
        this.clock = clock;
        this.random = random;
        this.changes = changes;
        changes.onIdentitiesChanged(bySecretHash::invalidateAll);
    }

    /** A new token of {@code user}; the secret is in the answer and nowhere else. */
    public CreatedToken create(UserEntity user, String name, Long expiresInSeconds) {
        if (expiresInSeconds != null && expiresInSeconds <= 0) {
            throw MlforgeException.invalidParameter("expires_in_seconds must be positive, got " + expiresInSeconds);
        }
        byte[] secretBytes = new byte[32];
        random.nextBytes(secretBytes);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secretBytes);
        byte[] idBytes = new byte[8];
        random.nextBytes(idBytes);
        long now = clock.millis();
        ApiTokenEntity token = new ApiTokenEntity(HexFormat.of().formatHex(idBytes), user.id(), user.username(),
                name == null || name.isBlank() ? "token" : name, now,
                expiresInSeconds == null ? null : now + expiresInSeconds * 1000, null, null);
        store.createToken(token, Sha256.hex(secret));
        return new CreatedToken(token, secret);
    }

    /** A token and its secret, as answered once at creation. */
    public record CreatedToken(ApiTokenEntity token, String secret) {
        @Override
        public String toString() {
            return "CreatedToken[" + token + ", secret=<redacted>]";
        }
    }

    public List<ApiTokenEntity> list(UserEntity user) {
        return store.tokensOf(user.id());
    }

    /** Revokes one of {@code user}'s tokens (an admin may revoke any); RESOURCE_DOES_NOT_EXIST for another's token. */
    public void revoke(UserEntity user, String id) {
        ApiTokenEntity token = store.findToken(id).filter(found -> found.userId() == user.id() || user.admin())
                .orElseThrow(() -> MlforgeException.notFound("API token with id=" + id + " not found"));
        store.revokeToken(token.id(), clock.millis());
        changes.changed(AuthChanges.Kind.IDENTITIES);
    }

    /** The valid token this secret names, or UNAUTHENTICATED (unknown, revoked or expired). */
    ApiTokenEntity authenticate(String secret) {
        String hash = Sha256.hex(secret);
        ApiTokenEntity token = bySecretHash.getIfPresent(hash);
        if (token == null) {
            token = store.findTokenBySecretHash(hash).orElse(null);
            if (token != null && token.revokedAt() == null) {
                bySecretHash.put(hash, token);
            }
        }
        long now = clock.millis();
        if (token == null || !token.validAt(now)) {
            throw new MlforgeException(ErrorCode.UNAUTHENTICATED, "Invalid, expired or revoked API token");
        }
        touch(token.id(), now);
        return token;
    }

    private void touch(String id, long now) {
        Long written = lastWritten.get(id);
        if (written == null || now - written >= TOUCH_INTERVAL_MS) {
            if (written == null ? lastWritten.putIfAbsent(id, now) == null : lastWritten.replace(id, written, now)) {
                store.touchToken(id, now);
            }
        }
    }

    Optional<ApiTokenEntity> find(String id) {
        return store.findToken(id);
    }
}
