package dev.mlforge.auth;

import dev.mlforge.config.ConfigValues;
import java.time.Duration;

/**
 * How long a web UI sign-in lasts ({@code auth.session.*}): at most {@code maxAge} after signing in, and no longer than
 * {@code idleTimeout} after the last request made with it. A server remembers a session it read from the store for
 * {@code cache}, so that a page's requests do not each read it again; a sign-out on another replica of the same store
 * is therefore honoured here within {@code cache} (at once on the replica that signed out).
 *
 * @param maxAge      {@code auth.session.max-age-seconds}
 * @param idleTimeout {@code auth.session.idle-timeout-seconds}
 * @param cache       {@code auth.session.cache-seconds} (zero: read the store on every request)
 */
public record SessionSettings(Duration maxAge, Duration idleTimeout, Duration cache) {
    /** Settings with the default cache lifetime. */
    public SessionSettings(Duration maxAge, Duration idleTimeout) {
        this(maxAge, idleTimeout, Duration.ofSeconds(DEFAULT_CACHE_SECONDS));
    }

    private static final long DEFAULT_CACHE_SECONDS = 5;

    static SessionSettings from(ConfigValues values) {
        return new SessionSettings(Duration.ofSeconds(values.longValue("auth.session.max-age-seconds", 43_200, 60, 31_536_000)),
                Duration.ofSeconds(values.longValue("auth.session.idle-timeout-seconds", 1_800, 60, 31_536_000)),
                Duration.ofSeconds(values.longValue("auth.session.cache-seconds", DEFAULT_CACHE_SECONDS, 0, 300)));
    }
}
