package dev.mlforge.monitoring.monitors;

import java.time.Instant;
import java.util.List;

/**
 * Reads the prediction log of a deployment (kept by serving), one row per predicted input row, oldest first.
 * Shadow (mirrored) answers are left out.
 */
public interface PredictionWindowSource {
    /** The last {@code count} predictions of {@code deployment}; empty when it has none. */
    List<PredictionRow> lastPredictions(String deployment, int count);

    /** The predictions of {@code deployment} made at or after {@code since}. */
    List<PredictionRow> predictionsSince(String deployment, Instant since);
}
