package dev.mlforge.monitoring.drift;

/**
 * The drift verdict for one column.
 *
 * @param name the column name
 * @param type how the column was compared
 * @param method the method used (null only when the column could not be tested before a method was chosen)
 * @param statistic the test statistic or distance (NaN when not computed)
 * @param pValue the p-value for tests, NaN for distances
 * @param threshold the threshold applied
 * @param drifted whether the column drifted
 * @param referenceCount values used from the reference (finite, non-missing)
 * @param currentCount values used from the current data
 * @param missingReference share of missing values in the reference column (0..1)
 * @param missingCurrent share of missing values in the current column (0..1)
 * @param error why the column could not be tested, or null
 * @param histogram reference and current shares per bin, for plots
 */
public record ColumnDrift(String name, DriftColumnKind type, DriftMethod method, double statistic, double pValue,
        double threshold, boolean drifted, long referenceCount, long currentCount, double missingReference,
        double missingCurrent, String error, Histogram histogram) {

    /** True when a test ran (no error). */
    public boolean tested() {
        return error == null;
    }

    /** The number compared with the threshold: the p-value for tests, the distance otherwise. */
    public double score() {
        return method != null && method.pValueTest() ? pValue : statistic;
    }
}
