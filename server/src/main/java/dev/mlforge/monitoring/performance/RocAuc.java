package dev.mlforge.monitoring.performance;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Area under the ROC curve as the Mann-Whitney statistic: the share of (positive, negative) pairs ranked correctly,
 * ties counting one half (equal to scikit-learn's trapezoidal {@code roc_auc_score}); NaN when only one class is present.
 */
public final class RocAuc {
    private RocAuc() {}

    /** Binary AUC: {@code positive[i]} says whether row i belongs to the positive class, {@code scores[i]} its score. */
    public static double binary(boolean[] positive, double[] scores) {
        if (positive.length != scores.length) {
            throw new IllegalArgumentException(positive.length + " labels but " + scores.length + " scores");
        }
        int positives = 0;
        for (boolean isPositive : positive) {
            positives += isPositive ? 1 : 0;
        }
        int negatives = scores.length - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        double[] positiveScores = new double[positives];
        double[] negativeScores = new double[negatives];
        for (int i = 0, p = 0, n = 0; i < scores.length; i++) {
            if (positive[i]) {
                positiveScores[p++] = scores[i];
            } else {
                negativeScores[n++] = scores[i];
            }
        }
        Arrays.sort(positiveScores);
        Arrays.sort(negativeScores);
        // For each positive (ascending): the negatives scored below it count 1, those tied with it 1/2.
        double wins = 0;
        int below = 0;
        int belowOrTied = 0;
        for (double score : positiveScores) {
            while (below < negatives && negativeScores[below] < score) {
                below++;
            }
            belowOrTied = Math.max(belowOrTied, below);
            while (belowOrTied < negatives && negativeScores[belowOrTied] == score) {
                belowOrTied++;
            }
            wins += below + 0.5 * (belowOrTied - below);
        }
        return wins / ((double) positives * negatives);
    }

    /**
     * One-vs-rest AUC averaged over {@code classes} with equal weights ({@code multi_class="ovr", average="macro"});
     * {@code scores} holds one score array per class. NaN when some class never occurs or always occurs.
     */
    public static double oneVsRestMacro(List<String> actual, List<String> classes, Map<String, double[]> scores) {
        double sum = 0;
        for (String label : classes) {
            boolean[] positive = new boolean[actual.size()];
            for (int i = 0; i < positive.length; i++) {
                positive[i] = actual.get(i).equals(label);
            }
            double[] classScores = scores.get(label);
            if (classScores == null) {
                throw new IllegalArgumentException("no scores for class " + label);
            }
            sum += binary(positive, classScores);
        }
        return sum / classes.size();
    }
}
