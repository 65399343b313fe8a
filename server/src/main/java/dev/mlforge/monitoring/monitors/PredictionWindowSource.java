package dev.mlforge.monitoring.monitors;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Reads the prediction log of a deployment (kept by serving), one row per predicted input row, oldest first.
 * Shadow (mirrored) answers are left out.
 */
public interface PredictionWindowSource {
    /** The workspace deployment {@code deployment} lives in, when a deployment has that name now. */
    Optional<String> workspaceOf(String deployment);

    /** The last {@code count} predictions of {@code deployment}; empty when it has none. */
    List<PredictionRow> lastPredictions(String deployment, int count);

    /** The predictions of {@code deployment} made at or after {@code since}. */
    List<PredictionRow> predictionsSince(String deployment, Instant since);
}
