package dev.mlforge.auth;

import dev.mlforge.config.ConfigValues;

/**
 * How many state-changing requests one caller may make: {@code writesPerSecond} sustained, {@code burst} at once.
 *
 * @param writesPerSecond {@code auth.rate-limit.writes-per-second}; 0 turns the limit off
 * @param burst           {@code auth.rate-limit.burst}
 */
public record RateLimit(double writesPerSecond, long burst) {
    public static RateLimit from(ConfigValues values) {
        return new RateLimit(values.decimal("auth.rate-limit.writes-per-second", 1000, 0, 1_000_000),
                values.longValue("auth.rate-limit.burst", 5000, 1, 10_000_000));
    }

    public boolean enabled() {
        return writesPerSecond > 0;
    }

    String describe() {
        String rate = writesPerSecond == Math.rint(writesPerSecond) ? Long.toString((long) writesPerSecond)
                : Double.toString(writesPerSecond);
        return rate + " writes per second (bursts of " + burst + ")";
    }
}
