package dev.mlforge.monitoring.drift;

/**
 * Shares of each sample per bin, as Evidently's {@code get_binned_data} (legacy/calculations/stattests/utils.py)
 * computes them: Sturges equal-width bins over the pooled data for numerical columns with more than 20 distinct
 * reference values, one bin per distinct value otherwise.
 *
 * @param reference the reference share per bin
 * @param current the current share per bin
 */
record BinnedShares(double[] reference, double[] current) {

    static BinnedShares ofNumbers(double[] sortedReference, double[] sortedCurrent) {
        if (SortedArrays.countDistinct(sortedReference) > 20) {
            double min = Math.min(sortedReference[0], sortedCurrent[0]);
            double max = Math.max(sortedReference[sortedReference.length - 1], sortedCurrent[sortedCurrent.length - 1]);
            double[] edges = HistogramEdges.sturges(min, max, (long) sortedReference.length + sortedCurrent.length);
            return new BinnedShares(shares(HistogramEdges.counts(sortedReference, edges), sortedReference.length),
                    shares(HistogramEdges.counts(sortedCurrent, edges), sortedCurrent.length));
        }
        return of(ValueCounts.ofNumbers(sortedReference, sortedCurrent));
    }

    static BinnedShares of(ValueCounts counts) {
        return new BinnedShares(shares(counts.reference(), counts.referenceTotal()),
                shares(counts.current(), counts.currentTotal()));
    }

    private static double[] shares(long[] counts, long total) {
        double[] shares = new double[counts.length];
        for (int i = 0; i < counts.length; i++) {
            shares[i] = counts[i] / (double) total;
        }
        return shares;
    }

    /** Evidently's {@code feel_zeroes}: each side's empty bins become 0.0001, or min non-zero / 1e6 when that is <= 0.0001. */
    BinnedShares smoothed() {
        return new BinnedShares(fillZeroes(reference), fillZeroes(current));
    }

    private static double[] fillZeroes(double[] shares) {
        double minNonZero = Double.POSITIVE_INFINITY;
        for (double share : shares) {
            if (share != 0) {
                minNonZero = Math.min(minNonZero, share);
            }
        }
        double fill = minNonZero <= 0.0001 ? minNonZero / 1e6 : 0.0001;
        double[] result = shares.clone();
        for (int i = 0; i < result.length; i++) {
            if (result[i] == 0) {
                result[i] = fill;
            }
        }
        return result;
    }
}
