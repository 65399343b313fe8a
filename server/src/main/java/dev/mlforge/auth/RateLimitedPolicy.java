package dev.mlforge.auth;

import dev.mlforge.http.AccessPolicy;
import dev.mlforge.http.AccessRequest;
import dev.mlforge.http.RateLimitedException;
import dev.mlforge.http.RequestIdentity;
import dev.mlforge.http.Role;

/**
 * Write routes (those needing WRITE or ADMIN) take a token from their caller's bucket before the permission check:
 * a verified identity has one bucket wherever it calls from, an unverified caller one per source address. A caller
 * over its rate gets 429 with {@code Retry-After}, and the request does nothing. Reads, searches and predictions are
 * not counted.
 */
final class RateLimitedPolicy implements AccessPolicy {
    private final AccessPolicy delegate;
    private final TokenBuckets buckets;
    private final RateLimit limit;

    RateLimitedPolicy(AccessPolicy delegate, RateLimit limit, java.time.InstantSource clock) {
        this.delegate = delegate;
        this.limit = limit;
        this.buckets = new TokenBuckets(limit.writesPerSecond(), limit.burst(), clock);
    }

    @Override
    public void check(RequestIdentity identity, AccessRequest request, Role required) {
        if (required.includes(Role.WRITE)) {
            String caller = identity.authenticated() ? "user:" + identity.name() : "address:" + request.remoteAddress();
            long waitMillis = buckets.take(caller);
            if (waitMillis > 0) {
                throw new RateLimitedException("Too many requests: " + (identity.authenticated() ? "user '"
                        + identity.name() + "'" : "this address") + " may make " + limit.describe()
                        + " (auth.rate-limit.writes-per-second, auth.rate-limit.burst); retry later", (waitMillis + 999) / 1000);
            }
        }
        delegate.check(identity, request, required);
    }
}
