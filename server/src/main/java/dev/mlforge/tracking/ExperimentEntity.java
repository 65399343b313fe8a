package dev.mlforge.tracking;

import java.util.List;

/** An experiment as stored: a named group of runs with an artifact root. */
public record ExperimentEntity(String experimentId, String name, String artifactLocation, LifecycleStage lifecycleStage,
                         long creationTime, long lastUpdateTime, List<Tag> tags) {
}
