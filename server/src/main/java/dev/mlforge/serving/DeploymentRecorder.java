package dev.mlforge.serving;

/**
 * Told when a model version is put behind a deployment, so that the registry can record the lineage
 * (which versions served where). Called after the model took traffic; must not throw.
 */
@FunctionalInterface
public interface DeploymentRecorder {
    /** Records nothing. */
    DeploymentRecorder NONE = (deployment, role, model) -> { };

    void deployed(String deployment, String role, ResolvedModel model);
}
