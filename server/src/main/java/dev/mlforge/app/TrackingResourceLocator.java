package dev.mlforge.app;

import dev.mlforge.auth.ResourceLocator;
import dev.mlforge.http.MlforgeException;
import dev.mlforge.tracking.LoggedModelService;
import dev.mlforge.tracking.TrackingService;
import java.util.Optional;
import java.util.function.Supplier;

/** Auth's view of tracking: the experiment of a run, of a logged model, or of an experiment name. */
public final class TrackingResourceLocator implements ResourceLocator {
    private final TrackingService tracking;
    private final LoggedModelService loggedModels;

    public TrackingResourceLocator(TrackingService tracking, LoggedModelService loggedModels) {
        this.tracking = tracking;
        this.loggedModels = loggedModels;
    }

    @Override
    public Optional<String> experimentOfRun(String runId) {
        return found(() -> tracking.getRun(runId).info().experimentId());
    }

    @Override
    public Optional<String> experimentOfLoggedModel(String modelId) {
        return found(() -> loggedModels.get(modelId, true).experimentId());
    }

    @Override
    public Optional<String> experimentByName(String name) {
        return found(() -> tracking.getExperimentByName(name).experimentId());
    }

    /** Empty when tracking answers that the thing does not exist (or the id is malformed): the route says so itself. */
    private static Optional<String> found(Supplier<String> lookup) {
        try {
            return Optional.ofNullable(lookup.get());
        } catch (MlforgeException e) {
            return Optional.empty();
        }
    }
}
