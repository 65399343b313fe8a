package dev.mlforge.app;

import dev.mlforge.registry.LoggedModelLocator;
import dev.mlforge.tracking.LoggedModelService;
import java.util.Optional;

/**
 * The registry's {@link LoggedModelLocator} over the tracking store's logged models: a version registered from
 * {@code models:/m-<id>} finds the model's files and source run even before the files are uploaded.
 */
final class TrackingLoggedModelLocator implements LoggedModelLocator {
    private final LoggedModelService loggedModels;

    TrackingLoggedModelLocator(LoggedModelService loggedModels) {
        this.loggedModels = loggedModels;
    }

    @Override
    public Optional<LoggedModelFacts> find(String modelId) {
        return loggedModels.find(modelId).map(model ->
                new LoggedModelFacts(model.modelId(), model.artifactLocation(), model.sourceRunId()));
    }

    @Override
    public void recordRegisteredVersion(String modelId, String modelName, int version) {
        loggedModels.recordRegisteredVersion(modelId, modelName, version);
    }
}
