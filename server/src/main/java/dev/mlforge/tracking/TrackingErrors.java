package dev.mlforge.tracking;

import dev.mlforge.http.MlforgeException;

/** The errors both the service and the store raise, with MLflow's messages, defined once. */
final class TrackingErrors {
    private TrackingErrors() {}

    static MlforgeException runNotFound(String runId) {
        return MlforgeException.notFound("Run with id=" + runId + " not found");
    }

    static MlforgeException runNotActive(String runId, String stage) {
        return MlforgeException.invalidParameter("The run " + runId + " must be in the 'active' state. "
                + "Current state is " + stage + ".");
    }
}
