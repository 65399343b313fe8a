package dev.mlforge.cluster;

import java.time.Instant;

/**
 * The right of {@code holder} to do the work called {@code name} until {@code expiresAt}. {@code token} (the fencing
 * token) grows each time the lease changes hands: a holder that was paused past its expiry finds its token stale and
 * must not write the work's results.
 */
public record Lease(String name, String holder, long token, Instant expiresAt) {}
