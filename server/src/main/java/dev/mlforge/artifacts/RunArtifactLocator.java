package dev.mlforge.artifacts;

/**
 * Finds a run's artifact URI (such as {@code mlflow-artifacts:/1/<run_id>/artifacts}); the tracking feature
 * provides it. Throws MlforgeException RESOURCE_DOES_NOT_EXIST for an unknown run.
 */
@FunctionalInterface
public interface RunArtifactLocator {
    String artifactUri(String runId);
}
