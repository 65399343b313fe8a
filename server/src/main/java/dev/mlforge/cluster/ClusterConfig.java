package dev.mlforge.cluster;

import dev.mlforge.config.ConfigValues;
import java.time.Duration;

/**
 * Settings of several servers sharing one PostgreSQL store (ignored on the embedded SQLite store).
 *
 * @param leaseTime    how long a lease on background work lasts unless renewed ({@code cluster.lease-seconds}, default
 *                     15): the longest a killed server's work waits before another server takes it
 * @param pollInterval how often a server looks for deployments changed by the others ({@code cluster.poll-millis},
 *                     default 250)
 */
public record ClusterConfig(Duration leaseTime, Duration pollInterval) {
    public static final ClusterConfig DEFAULT = new ClusterConfig(Duration.ofSeconds(15), Duration.ofMillis(250));

    public static ClusterConfig from(ConfigValues values) {
        return new ClusterConfig(Duration.ofSeconds(values.integer("cluster.lease-seconds", 15, 2, 3600)),
                Duration.ofMillis(values.integer("cluster.poll-millis", 250, 20, 10_000)));
    }
}
