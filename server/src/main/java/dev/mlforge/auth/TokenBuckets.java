package dev.mlforge.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.time.InstantSource;

/**
 * One token bucket per caller: each holds up to {@code burst} tokens, refilled at {@code perSecond}; a request takes
 * one. Buckets of callers idle for ten minutes are forgotten (a forgotten bucket comes back full, as it would have
 * refilled by then), and at most 100,000 are kept.
 */
final class TokenBuckets {
    private final double perMilli;
    private final double burst;
    private final InstantSource clock;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterAccess(Duration.ofMinutes(10)).build();

    TokenBuckets(double perSecond, long burst, InstantSource clock) {
        if (perSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("A bucket needs a positive rate and a burst of at least 1");
        }
        this.perMilli = perSecond / 1000.0;
        this.burst = burst;
        this.clock = clock;
    }

    /** Takes a token from {@code caller}'s bucket: 0 when taken, else the milliseconds until one is there. */
    long take(String caller) {
        return buckets.get(caller, key -> new Bucket(burst, clock.millis())).take(clock.millis());
    }

    private final class Bucket {
        private double tokens;
        private long lastMillis;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.lastMillis = now;
        }

        synchronized long take(long now) {
            if (now > lastMillis) {
                tokens = Math.min(burst, tokens + (now - lastMillis) * perMilli);
                lastMillis = now;
            }
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - tokens) / perMilli);
        }
    }
}
