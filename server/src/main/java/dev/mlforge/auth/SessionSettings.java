package dev.mlforge.auth;

import dev.mlforge.config.ConfigValues;
import java.time.Duration;

/**
 * How long a web UI sign-in lasts ({@code auth.session.*}): at most {@code maxAge} after signing in, and no longer than
 * {@code idleTimeout} after the last request made with it.
 *
 * @param maxAge      {@code auth.session.max-age-seconds}
 * @param idleTimeout {@code auth.session.idle-timeout-seconds}
 */
public record SessionSettings(Duration maxAge, Duration idleTimeout) {
    static SessionSettings from(ConfigValues values) {
        return new SessionSettings(Duration.ofSeconds(values.longValue("auth.session.max-age-seconds", 43_200, 60, 31_536_000)),
                Duration.ofSeconds(values.longValue("auth.session.idle-timeout-seconds", 1_800, 60, 31_536_000)));
    }
}
