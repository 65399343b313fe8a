package dev.mlforge.monitoring.monitors;

import java.time.Instant;
import java.util.List;

/**
 * Reads the prediction log of a deployment (kept by serving), one row per predicted input row, oldest first.
 * Shadow (mirrored) answers are left out.
 */
public interface PredictionWindowSource {
    /** A deployment-less source: no prediction is ever logged (before serving's prediction log is wired in). */
    PredictionWindowSource EMPTY = new PredictionWindowSource() {
        @Override
        public List<PredictionRow> lastPredictions(String deployment, int count) {
            return List.of();
        }

        @Override
        public List<PredictionRow> predictionsSince(String deployment, Instant since) {
            return List.of();
        }
    };

    /** The last {@code count} predictions of {@code deployment}; empty when it has none. */
    List<PredictionRow> lastPredictions(String deployment, int count);

    /** The predictions of {@code deployment} made at or after {@code since}. */
    List<PredictionRow> predictionsSince(String deployment, Instant since);
}
