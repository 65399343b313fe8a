package dev.mlforge.app;

import dev.mlforge.auth.ResourceLocator;
import dev.mlforge.features.FeatureCatalog;
import dev.mlforge.http.MlforgeException;
import dev.mlforge.registry.ApprovalService;
import dev.mlforge.tracing.TracingService;
import dev.mlforge.tracking.LoggedModelService;
import dev.mlforge.tracking.TrackingService;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Auth's view of tracking, tracing and the registry: the experiment of a run, of a logged model, of an experiment name
 * or of a trace, the model of a transition request, and the views of a feature service. Tracing, the registry and the
 * feature store are built after auth, so they are reached through suppliers asked at request time.
 */
public final class TrackingResourceLocator implements ResourceLocator {
    private final TrackingService tracking;
    private final LoggedModelService loggedModels;
    private final Supplier<TracingService> tracing;
    private final Supplier<ApprovalService> approvals;
    private final Supplier<FeatureCatalog> features;

    public TrackingResourceLocator(TrackingService tracking, LoggedModelService loggedModels,
            Supplier<TracingService> tracing, Supplier<ApprovalService> approvals, Supplier<FeatureCatalog> features) {
        this.tracking = tracking;
        this.loggedModels = loggedModels;
        this.tracing = tracing;
        this.approvals = approvals;
        this.features = features;
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

    @Override
    public Optional<String> experimentOfTrace(String traceId) {
        return found(() -> tracing.get().getTraceInfo(traceId).experimentId());
    }

    @Override
    public Optional<String> modelOfTransitionRequest(String requestId) {
        try {
            long id = Long.parseLong(requestId);
            return found(() -> approvals.get().getRequest(id).modelName());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public List<String> viewsOfFeatureService(String serviceName) {
        try {
            return features.get().featureService(serviceName, null).features().stream()
                    .map(reference -> reference.contains(":") ? reference.substring(0, reference.indexOf(':')) : reference)
                    .distinct().toList();
        } catch (MlforgeException e) {
            return List.of();
        }
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
