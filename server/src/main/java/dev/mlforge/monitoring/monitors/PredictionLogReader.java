package dev.mlforge.monitoring.monitors;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Reads serving's prediction log, newest first, with feedback labels joined; serving's {@code Serving} provides it. */
public interface PredictionLogReader {
    /** The workspace deployment {@code deployment} lives in, when a deployment has that name now. */
    Optional<String> workspaceOf(String deployment);

    /** The newest {@code limit} logged requests of {@code deployment}. */
    List<LoggedPrediction> newest(String deployment, int limit);

    /** The logged requests of {@code deployment} at or after {@code since}. */
    List<LoggedPrediction> since(String deployment, Instant since);
}
