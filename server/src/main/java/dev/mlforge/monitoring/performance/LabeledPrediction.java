package dev.mlforge.monitoring.performance;

import java.util.Map;

/**
 * A prediction whose ground truth is known.
 *
 * @param version     the model version that answered
 * @param label       the true value (a class or a number)
 * @param prediction  the predicted value (a class or a number)
 * @param classScores the predicted probability of each class, keyed by class label; empty when the model gives none
 */
public record LabeledPrediction(String version, Object label, Object prediction, Map<String, Double> classScores) {
    public LabeledPrediction {
        classScores = classScores == null ? Map.of() : Map.copyOf(classScores);
    }
}
