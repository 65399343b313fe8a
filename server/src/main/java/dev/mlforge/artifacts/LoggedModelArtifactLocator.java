package dev.mlforge.artifacts;

/**
 * Finds a logged model's artifact URI (such as {@code mlflow-artifacts:/1/models/m-<id>/artifacts}); the tracking
 * feature provides it. Throws MlforgeException RESOURCE_DOES_NOT_EXIST for an unknown model.
 */
@FunctionalInterface
public interface LoggedModelArtifactLocator {
    String artifactUri(String modelId);
}
