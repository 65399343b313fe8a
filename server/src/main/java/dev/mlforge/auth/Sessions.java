package dev.mlforge.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.mlforge.http.Role;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The web UI's sign-in sessions: an opaque random id (256 bits) the browser keeps in an HttpOnly cookie, stored only as
 * its SHA-256 with an absolute end and an idle timeout, so a session survives a restart and works on every replica.
 * The CSRF token of a session is derived from its id (a synchronizer token bound to it that only its holder can know).
 */
public final class Sessions {
    /** The cookie holding the session id. */
    public static final String COOKIE = "mlforge_session";
    /** Last-seen times are written at most this often per session, not on every request. */
    private static final long TOUCH_EVERY_MS = 30_000;

    private final JdbiSessionStore store;
    private final SessionSettings settings;
    private final Clock clock;
    private final SecureRandom random;
    /**
     * Sessions as last read from or confirmed by the store, by id hash, for {@link SessionSettings#cache()} (timed by
     * the clock): a cookie request is then answered without a read. Ends and idle times are still checked on every
     * request; a sign-out here forgets the session at once.
     */
    private final Cache<String, JdbiSessionStore.StoredSession> recent;

    Sessions(JdbiSessionStore store, SessionSettings settings, Clock clock, SecureRandom random) {
        this.store = store;
        this.settings = settings;
        this.clock = clock;
        this.random = random;
        this.recent = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(settings.cache())
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis())).build();
    }

    public SessionSettings settings() {
        return settings;
    }

    /** Opens a session for {@code username} and answers its secret id, to be set as the cookie's value. */
    String open(String username, Role groupRole) {
        String secret = randomId(random);
        long now = clock.millis();
        store.deleteExpired(now, now - settings.idleTimeout().toMillis());
        store.insert(hash(secret), new JdbiSessionStore.StoredSession(username, groupRole, now, now,
                now + settings.maxAge().toMillis()));
        return secret;
    }

    /** The live session of this secret (its last use recorded), or empty when unknown, ended or idle too long. */
    Optional<JdbiSessionStore.StoredSession> find(String secret) {
        if (secret == null || secret.isEmpty() || secret.length() > 100) {
            return Optional.empty();
        }
        String idHash = hash(secret);
        long now = clock.millis();
        JdbiSessionStore.StoredSession session = recent.getIfPresent(idHash);
        if (session == null) {
            session = store.find(idHash).orElse(null);
            if (session == null) {
                return Optional.empty();
            }
            recent.put(idHash, session);
        }
        if (now >= session.expiresAt() || now - session.lastSeenAt() >= settings.idleTimeout().toMillis()) {
            recent.invalidate(idHash);
            store.delete(idHash);
            return Optional.empty();
        }
        if (now - session.lastSeenAt() >= TOUCH_EVERY_MS) {
            if (!store.touch(idHash, now)) {
                recent.invalidate(idHash);
                return Optional.empty();
            }
            session = session.seenAt(now);
            recent.put(idHash, session);
        }
        return Optional.of(session);
    }

    /** Ends the session of this secret, if any. */
    public void close(String secret) {
        if (secret != null && !secret.isEmpty() && secret.length() <= 100) {
            String idHash = hash(secret);
            recent.invalidate(idHash);
            store.delete(idHash);
        }
    }

    /** True when {@code secret} names a live session. */
    public boolean live(String secret) {
        return find(secret).isPresent();
    }

    /** The CSRF token bound to the session of {@code secret}: what its pages put in a meta tag and forms. */
    public static String csrfToken(String secret) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Sha256.of("csrf\0" + secret));
    }

    /** True when {@code token} is the CSRF token of {@code secret}, compared in constant time. */
    public static boolean csrfMatches(String secret, String token) {
        return token != null && MessageDigest.isEqual(csrfToken(secret).getBytes(StandardCharsets.US_ASCII),
                token.getBytes(StandardCharsets.US_ASCII));
    }

    /** The value of the session cookie in a {@code Cookie} header, or null. */
    public static String fromCookieHeader(String header) {
        if (header == null) {
            return null;
        }
        for (String pair : header.split(";")) {
            String trimmed = pair.trim();
            if (trimmed.startsWith(COOKIE + "=")) {
                return trimmed.substring(COOKIE.length() + 1);
            }
        }
        return null;
    }

    /** 256 random bits as base64url text: a session id, an OIDC state, nonce or PKCE verifier. */
    static String randomId(SecureRandom random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String hash(String secret) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Sha256.of(secret));
    }
}
