package dev.mlforge.registry;

import java.util.Optional;

/**
 * The registry's view of MLflow 3 logged models ({@code models:/m-<id>}), a port that {@code app/} implements over the
 * tracking store, so that a version registered from a logged model finds its files without the registry depending on
 * tracking.
 */
public interface LoggedModelLocator {

    /**
     * What the registry needs of one logged model.
     *
     * @param modelId          {@code m-<32 hex>}
     * @param artifactLocation where its files are ({@code mlflow-artifacts:/...}, or a path in the local artifact store)
     * @param sourceRunId      the run that logged it, or null
     */
    record LoggedModelFacts(String modelId, String artifactLocation, String sourceRunId) {}

    /** The logged model, empty when there is none with that id. */
    Optional<LoggedModelFacts> find(String modelId);

    /** Tells the logged model that version {@code version} of {@code modelName} was registered from it. */
    void recordRegisteredVersion(String modelId, String modelName, int version);
}
