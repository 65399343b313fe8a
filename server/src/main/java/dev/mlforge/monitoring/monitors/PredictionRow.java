package dev.mlforge.monitoring.monitors;

import java.time.Instant;
import java.util.Map;

/**
 * One logged prediction of a deployment, as monitors read it.
 *
 * @param inputs      the named input values of the row (numbers, strings, or null when missing)
 * @param prediction  the predicted class or value
 * @param classScores the predicted probability per class label; empty when the model gives none
 * @param label       the ground truth from feedback; null until it arrives
 */
public record PredictionRow(String requestId, String version, Instant time, Map<String, Object> inputs,
        Object prediction, Map<String, Double> classScores, Object label) {
    public PredictionRow {
        inputs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(inputs));
        classScores = classScores == null ? Map.of() : Map.copyOf(classScores);
    }
}
