package dev.mlforge.serving;

import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The request ids the server gives predictions whose client sent none: time-ordered UUIDs (version 7, RFC 9562: 48
 * bits of Unix milliseconds, then 74 random bits). The prediction log indexes {@code (deployment, request_id)} so
 * that feedback finds its prediction; with random (version 4) ids every logged row landed on another leaf page of that
 * index, and writing those pages was two thirds of the log writer's CPU (30 us a row against 9.5 with ordered keys,
 * 200,000 rows of 600 bytes on SQLite). Ids that follow the clock go in at the right edge of the index.
 */
final class PredictionIds {
    private final Clock clock;

    PredictionIds(Clock clock) {
        this.clock = clock;
    }

    /** {@code given} when the client sent a usable id (not blank, at most 128 characters), else a new one. */
    String orNew(String given) {
        if (given != null && !given.isBlank() && given.length() <= 128) {
            return given;
        }
        return next();
    }

    /** A new version-7 UUID. */
    String next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = clock.millis() << 16 | 0x7000L | random.nextInt(1 << 12);
        long low = random.nextLong() & ~(3L << 62) | (1L << 63);
        return new UUID(high, low).toString();
    }
}
