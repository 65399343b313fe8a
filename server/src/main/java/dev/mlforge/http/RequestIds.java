package dev.mlforge.http;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Request ids generated when a client sends none, the same for every transport (HTTP, gRPC) and the audit trail. */
public final class RequestIds {
    private RequestIds() {}

    /** A random version-4 UUID without SecureRandom (its lock and cost are not needed for request ids). */
    public static String random() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return new UUID(random.nextLong() & ~0xF000L | 0x4000L, random.nextLong() & ~(3L << 62) | (1L << 63)).toString();
    }
}
