package dev.mlforge.monitoring.performance;

/**
 * Classification metrics computed as scikit-learn computes them ({@code accuracy_score}, {@code precision_score},
 * {@code recall_score}, {@code f1_score} with {@code zero_division} giving 0, and {@code roc_auc_score}). Labels are
 * integers; for the binary metrics, {@code positive} is the positive class.
 */
public final class ClassificationMetrics {
    private ClassificationMetrics() {
    }

    /** Share of predictions equal to the label. */
    public static double accuracy(int[] labels, int[] predictions) {
        checkSameLength(labels.length, predictions.length);
        long correct = 0;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == predictions[i]) {
                correct++;
            }
        }
        return correct / (double) labels.length;
    }

    /** The binary confusion counts for one positive class. */
    public static ConfusionCounts confusion(int[] labels, int[] predictions, int positive) {
        checkSameLength(labels.length, predictions.length);
        long tp = 0;
        long fp = 0;
        long fn = 0;
        long tn = 0;
        for (int i = 0; i < labels.length; i++) {
            boolean actual = labels[i] == positive;
            boolean predicted = predictions[i] == positive;
            if (actual && predicted) {
                tp++;
            } else if (predicted) {
                fp++;
            } else if (actual) {
                fn++;
            } else {
                tn++;
            }
        }
        return new ConfusionCounts(tp, fp, fn, tn);
    }

    public static double precision(int[] labels, int[] predictions, int positive) {
        return confusion(labels, predictions, positive).precision();
    }

    public static double recall(int[] labels, int[] predictions, int positive) {
        return confusion(labels, predictions, positive).recall();
    }

    public static double f1(int[] labels, int[] predictions, int positive) {
        return confusion(labels, predictions, positive).f1();
    }

    /**
     * Area under the ROC curve for binary labels (the positive class is {@code positive}), equal to scikit-learn's
     * trapezoidal {@code roc_auc_score}: computed as the Mann-Whitney statistic with midranks, which is the same
     * area including tied scores.
     *
     * @throws IllegalArgumentException when only one class is present (scikit-learn raises too)
     */
    public static double rocAuc(int[] labels, double[] scores, int positive) {
        checkSameLength(labels.length, scores.length);
        int n = labels.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
        double positiveRankSum = 0;
        long positives = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j < n && scores[order[j]] == scores[order[i]]) {
                j++;
            }
            double midrank = (i + 1 + j) / 2.0;
            for (int k = i; k < j; k++) {
                if (labels[order[k]] == positive) {
                    positiveRankSum += midrank;
                    positives++;
                }
            }
            i = j;
        }
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            throw new IllegalArgumentException("ROC AUC needs both classes in the labels");
        }
        return (positiveRankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    private static void checkSameLength(int labels, int predictions) {
        if (labels != predictions) {
            throw new IllegalArgumentException("labels and predictions differ in length: " + labels + " vs "
                    + predictions);
        }
        if (labels == 0) {
            throw new IllegalArgumentException("no labels");
        }
    }
}
