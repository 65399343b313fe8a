package dev.mlforge.monitoring.performance;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Classification quality as scikit-learn computes it: accuracy, and precision, recall and F1 macro-averaged over the
 * union of true and predicted labels (a class with an empty denominator scores 0, sklearn's {@code zero_division}
 * default). Labels are compared as strings.
 */
public final class ClassificationMetrics {
    private ClassificationMetrics() {}

    public static double accuracy(List<String> actual, List<String> predicted) {
        requireSameSize(actual, predicted);
        int correct = 0;
        for (int i = 0; i < actual.size(); i++) {
            if (actual.get(i).equals(predicted.get(i))) {
                correct++;
            }
        }
        return (double) correct / actual.size();
    }

    public static double precisionMacro(List<String> actual, List<String> predicted) {
        return macro(actual, predicted, Score.PRECISION);
    }

    public static double recallMacro(List<String> actual, List<String> predicted) {
        return macro(actual, predicted, Score.RECALL);
    }

    public static double f1Macro(List<String> actual, List<String> predicted) {
        return macro(actual, predicted, Score.F1);
    }

    private enum Score { PRECISION, RECALL, F1 }

    private static double macro(List<String> actual, List<String> predicted, Score score) {
        requireSameSize(actual, predicted);
        Map<String, int[]> counts = new HashMap<>(); // per label: true positives, false positives, false negatives
        for (String label : new TreeSet<>(actual)) {
            counts.put(label, new int[3]);
        }
        for (String label : new TreeSet<>(predicted)) {
            counts.putIfAbsent(label, new int[3]);
        }
        for (int i = 0; i < actual.size(); i++) {
            String truth = actual.get(i);
            String guess = predicted.get(i);
            if (truth.equals(guess)) {
                counts.get(truth)[0]++;
            } else {
                counts.get(guess)[1]++;
                counts.get(truth)[2]++;
            }
        }
        double sum = 0;
        for (int[] count : counts.values()) {
            sum += perClass(count[0], count[1], count[2], score);
        }
        return sum / counts.size();
    }

    private static double perClass(int truePositives, int falsePositives, int falseNegatives, Score score) {
        int denominator = switch (score) {
            case PRECISION -> truePositives + falsePositives;
            case RECALL -> truePositives + falseNegatives;
            case F1 -> 2 * truePositives + falsePositives + falseNegatives;
        };
        int numerator = score == Score.F1 ? 2 * truePositives : truePositives;
        return denominator == 0 ? 0.0 : (double) numerator / denominator;
    }

    private static void requireSameSize(List<String> actual, List<String> predicted) {
        if (actual.size() != predicted.size()) {
            throw new IllegalArgumentException("actual has " + actual.size() + " labels, predicted " + predicted.size());
        }
        if (actual.isEmpty()) {
            throw new IllegalArgumentException("no labels");
        }
    }
}
