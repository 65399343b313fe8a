package dev.mlforge.monitoring.performance;

/**
 * Binary confusion counts. Ratios with a zero denominator are 0, as scikit-learn's {@code zero_division="warn"}.
 *
 * @param truePositives predicted positive, actually positive
 * @param falsePositives predicted positive, actually negative
 * @param falseNegatives predicted negative, actually positive
 * @param trueNegatives predicted negative, actually negative
 */
public record ConfusionCounts(long truePositives, long falsePositives, long falseNegatives, long trueNegatives) {
    public double precision() {
        return ratio(truePositives, truePositives + falsePositives);
    }

    public double recall() {
        return ratio(truePositives, truePositives + falseNegatives);
    }

    /** 2 tp / (2 tp + fp + fn), scikit-learn's formula (0 when there is no positive at all). */
    public double f1() {
        return ratio(2 * truePositives, 2 * truePositives + falsePositives + falseNegatives);
    }

    private static double ratio(long numerator, long denominator) {
        return denominator == 0 ? 0.0 : numerator / (double) denominator;
    }
}
