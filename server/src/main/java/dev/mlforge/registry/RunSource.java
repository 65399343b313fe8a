package dev.mlforge.registry;

import java.util.Optional;

/** The registry's view of tracking: the tracking feature adapts its service to this at wiring time. */
public interface RunSource {
    Optional<RunFacts> find(String runId);

    /** A source for deployments without tracking: no run is ever found, so {@code runs:/} sources are refused. */
    static RunSource none() {
        return runId -> Optional.empty();
    }
}
