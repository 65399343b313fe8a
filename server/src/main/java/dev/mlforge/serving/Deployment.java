package dev.mlforge.serving;

import java.time.Instant;

/**
 * A named serving endpoint and its traffic policy; {@code previousPolicy} is what a rollback restores (null
 * before the first change).
 */
public record Deployment(String name, TrafficPolicy policy, TrafficPolicy previousPolicy, Instant createdAt,
        Instant updatedAt) {}
