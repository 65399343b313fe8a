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

    static BinnedShares ofNumbers(Samples.Numbers samples) {
        RunSummary summary = samples.summary();
        if (summary.referenceDistinct() > 20) {
            double[] edges = HistogramEdges.sturges(summary.min(), summary.max(),
                    summary.referenceCount() + summary.currentCount());
            long[][] counts = HistogramEdges.counts(samples.runs(), edges);
            return new BinnedShares(shares(counts[0], summary.referenceCount()),
                    shares(counts[1], summary.currentCount()));
        }
        return of(samples.valueCounts());
    }

    static BinnedShares of(ValueCounts counts) {
        return new BinnedShares(shares(counts.reference(), counts.referenceTotal()),
                shares(counts.current(), counts.currentTotal()));
    }

    static double[] shares(long[] counts, long total) {
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
