package dev.mlforge.app;

import dev.mlforge.http.MlforgeException;
import dev.mlforge.tracing.TraceExperiments;
import dev.mlforge.tracking.ExperimentEntity;
import dev.mlforge.tracking.LifecycleStage;
import dev.mlforge.tracking.TrackingService;

/** Tracing's view of tracking's experiments: a trace goes into an active experiment, under its artifact location. */
public final class TrackingTraceExperiments implements TraceExperiments {
    private final TrackingService tracking;

    public TrackingTraceExperiments(TrackingService tracking) {
        this.tracking = tracking;
    }

    @Override
    public String activeArtifactLocation(String experimentId) {
        ExperimentEntity experiment = tracking.getExperimentWithoutTags(experimentId);
        if (experiment.lifecycleStage() != LifecycleStage.ACTIVE) {
            throw MlforgeException.invalidState("The experiment " + experimentId + " must be in the 'active' state. "
                    + "Current state is " + experiment.lifecycleStage().name().toLowerCase(java.util.Locale.ROOT) + ".");
        }
        return experiment.artifactLocation();
    }
}
