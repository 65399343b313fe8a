package dev.mlforge.monitoring.drift;

/**
 * The outcome of one statistical test or distance: the statistic and, for hypothesis tests, its p-value.
 *
 * @param statistic the test statistic or the distance
 * @param pValue the p-value, or {@code NaN} for distances
 */
public record TestResult(double statistic, double pValue) {
    static TestResult distance(double value) {
        return new TestResult(value, Double.NaN);
    }
}
