package dev.mlforge.monitoring.performance;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Area under the ROC curve, computed as the Mann-Whitney statistic with average ranks for ties (equal to
 * scikit-learn's trapezoidal {@code roc_auc_score}); NaN when only one class is present.
 */
public final class RocAuc {
    private RocAuc() {}

    /** Binary AUC: {@code positive[i]} says whether row i belongs to the positive class, {@code scores[i]} its score. */
    public static double binary(boolean[] positive, double[] scores) {
        if (positive.length != scores.length) {
            throw new IllegalArgumentException(positive.length + " labels but " + scores.length + " scores");
        }
        int n = scores.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
        double positiveRankSum = 0;
        long positives = 0;
        int start = 0;
        while (start < n) {
            int end = start;
            while (end + 1 < n && scores[order[end + 1]] == scores[order[start]]) {
                end++;
            }
            double averageRank = (start + end) / 2.0 + 1;
            for (int k = start; k <= end; k++) {
                if (positive[order[k]]) {
                    positiveRankSum += averageRank;
                    positives++;
                }
            }
            start = end + 1;
        }
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        return (positiveRankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
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
