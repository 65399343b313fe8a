package dev.mlforge.monitoring.performance;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The quality metrics of a window of labelled predictions: accuracy, precision, recall, F1 (macro-averaged over the
 * union of true and predicted classes, as scikit-learn) and ROC AUC (binary, or one-vs-rest macro) for
 * classification; MAE and RMSE for regression. Built on {@link ClassificationMetrics} and {@link RegressionMetrics};
 * labels of any type become class indexes in scikit-learn's order. ROC AUC needs class scores on every row and is
 * left out otherwise, or when only one class occurs.
 */
public final class PerformanceCalculator {
    private PerformanceCalculator() {}

    /** Metric name to value, in a stable order; empty when there is no labelled prediction. */
    public static Map<String, Double> compute(Task task, List<LabeledPrediction> predictions) {
        if (predictions.isEmpty()) {
            return Map.of();
        }
        return task == Task.CLASSIFICATION ? classification(predictions) : regression(predictions);
    }

    /** The same metrics for each model version separately, keyed by version. */
    public static Map<String, Map<String, Double>> byVersion(Task task, List<LabeledPrediction> predictions) {
        Map<String, List<LabeledPrediction>> groups = new TreeMap<>();
        for (LabeledPrediction prediction : predictions) {
            groups.computeIfAbsent(prediction.version(), version -> new ArrayList<>()).add(prediction);
        }
        Map<String, Map<String, Double>> result = new LinkedHashMap<>();
        groups.forEach((version, group) -> result.put(version, compute(task, group)));
        return result;
    }

    private static Map<String, Double> classification(List<LabeledPrediction> predictions) {
        List<String> actual = predictions.stream().map(p -> ClassLabels.text(p.label())).toList();
        List<String> predicted = predictions.stream().map(p -> ClassLabels.text(p.prediction())).toList();
        Set<String> union = new HashSet<>(actual);
        union.addAll(predicted);
        List<String> classes = ClassLabels.sorted(union);
        Map<String, Integer> classIndex = new HashMap<>();
        classes.forEach(label -> classIndex.put(label, classIndex.size()));
        int[] labels = actual.stream().mapToInt(classIndex::get).toArray();
        int[] guesses = predicted.stream().mapToInt(classIndex::get).toArray();
        double precision = 0;
        double recall = 0;
        double f1 = 0;
        for (int c = 0; c < classes.size(); c++) {
            ConfusionCounts counts = ClassificationMetrics.confusion(labels, guesses, c);
            precision += counts.precision();
            recall += counts.recall();
            f1 += counts.f1();
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("accuracy", ClassificationMetrics.accuracy(labels, guesses));
        metrics.put("precision", precision / classes.size());
        metrics.put("recall", recall / classes.size());
        metrics.put("f1", f1 / classes.size());
        double auc = rocAuc(predictions, labels, classes, classIndex);
        if (!Double.isNaN(auc)) {
            metrics.put("roc_auc", auc);
        }
        return metrics;
    }

    /**
     * Binary AUC of the greater class, or one-vs-rest AUC averaged over the classes present in the labels
     * (scikit-learn's {@code multi_class="ovr", average="macro"}); NaN without scores or with a single class.
     */
    private static double rocAuc(List<LabeledPrediction> predictions, int[] labels, List<String> classes,
            Map<String, Integer> classIndex) {
        Set<String> present = new HashSet<>();
        for (int label : labels) {
            present.add(classes.get(label));
        }
        List<String> labelClasses = ClassLabels.sorted(present);
        if (labelClasses.size() < 2) {
            return Double.NaN;
        }
        Map<String, double[]> scores = classScores(predictions, labelClasses);
        if (scores == null) {
            return Double.NaN;
        }
        if (labelClasses.size() == 2) {
            String positive = labelClasses.get(1);
            return ClassificationMetrics.rocAuc(labels, scores.get(positive), classIndex.get(positive));
        }
        double sum = 0;
        for (String label : labelClasses) {
            sum += ClassificationMetrics.rocAuc(labels, scores.get(label), classIndex.get(label));
        }
        return sum / labelClasses.size();
    }

    /** Per class, the score of every row; null when some row lacks a score (a binary row may give only one class). */
    private static Map<String, double[]> classScores(List<LabeledPrediction> predictions, List<String> classes) {
        Map<String, Integer> classIndex = new HashMap<>();
        classes.forEach(label -> classIndex.put(label, classIndex.size()));
        Map<String, String> labelTexts = new HashMap<>();
        double[][] scores = new double[classes.size()][predictions.size()];
        boolean[] present = new boolean[classes.size()];
        for (int i = 0; i < predictions.size(); i++) {
            Arrays.fill(present, false);
            int found = 0;
            for (Map.Entry<String, Double> score : predictions.get(i).classScores().entrySet()) {
                Integer index = classIndex.get(labelTexts.computeIfAbsent(score.getKey(), ClassLabels::text));
                if (index != null && !present[index]) {
                    scores[index][i] = score.getValue();
                    present[index] = true;
                    found++;
                }
            }
            if (found == classes.size() - 1 && classes.size() == 2) {
                int absent = present[0] ? 1 : 0;
                scores[absent][i] = 1.0 - scores[1 - absent][i];
            } else if (found < classes.size()) {
                return null;
            }
        }
        Map<String, double[]> result = new LinkedHashMap<>();
        for (int c = 0; c < classes.size(); c++) {
            result.put(classes.get(c), scores[c]);
        }
        return result;
    }

    private static Map<String, Double> regression(List<LabeledPrediction> predictions) {
        double[] actual = new double[predictions.size()];
        double[] predicted = new double[predictions.size()];
        for (int i = 0; i < actual.length; i++) {
            actual[i] = number(predictions.get(i).label(), "label");
            predicted[i] = number(predictions.get(i).prediction(), "prediction");
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("mae", RegressionMetrics.meanAbsoluteError(actual, predicted));
        metrics.put("rmse", RegressionMetrics.rootMeanSquaredError(actual, predicted));
        return metrics;
    }

    private static double number(Object value, String what) {
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        try {
            return Double.parseDouble(String.valueOf(value).strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("regression " + what + " is not a number: " + value);
        }
    }
}
