package dev.mlforge.monitoring.drift;

/** Distances between binned distributions, each as Evidently computes it from {@link BinnedShares}. */
final class Divergences {
    private Divergences() {
    }

    /** Evidently psi.py: sum of (r - c) * ln(r / c) over smoothed shares. */
    static double psi(BinnedShares shares) {
        BinnedShares smoothed = shares.smoothed();
        double sum = 0;
        for (int i = 0; i < smoothed.reference().length; i++) {
            double r = smoothed.reference()[i];
            double c = smoothed.current()[i];
            sum += (r - c) * Math.log(r / c);
        }
        return sum;
    }

    /** Evidently kl_div.py: {@code scipy.stats.entropy(r, c)} over smoothed shares (both renormalised to sum 1). */
    static double klDivergence(BinnedShares shares) {
        BinnedShares smoothed = shares.smoothed();
        double[] p = normalised(smoothed.reference());
        double[] q = normalised(smoothed.current());
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            sum += relativeEntropy(p[i], q[i]);
        }
        return sum;
    }

    /** Evidently jensenshannon.py: {@code scipy.spatial.distance.jensenshannon(r, c)}, natural log, unsmoothed. */
    static double jensenShannon(BinnedShares shares) {
        double[] p = normalised(shares.reference());
        double[] q = normalised(shares.current());
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            double m = (p[i] + q[i]) / 2.0;
            sum += relativeEntropy(p[i], m) + relativeEntropy(q[i], m);
        }
        return Math.sqrt(sum / 2.0);
    }

    /** scipy.special.rel_entr. */
    private static double relativeEntropy(double x, double y) {
        if (x > 0 && y > 0) {
            return x * Math.log(x / y);
        }
        if (x == 0 && y >= 0) {
            return 0;
        }
        return Double.POSITIVE_INFINITY;
    }

    private static double[] normalised(double[] values) {
        double total = 0;
        for (double value : values) {
            total += value;
        }
        double[] result = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = values[i] / total;
        }
        return result;
    }

    /** Evidently hellinger_distance.py, categorical: sqrt(1 - clip(sum sqrt(p * q), 0, 1)). */
    static double hellinger(ValueCounts counts) {
        BinnedShares shares = BinnedShares.of(counts);
        double coefficient = 0;
        for (int i = 0; i < shares.reference().length; i++) {
            coefficient += Math.sqrt(shares.reference()[i] * shares.current()[i]);
        }
        return Math.sqrt(1 - Math.min(1, Math.max(0, coefficient)));
    }

    /**
     * Evidently hellinger_distance.py, numerical: Sturges edges over the distinct pooled values, density histograms
     * of both samples, Bhattacharyya coefficient times the mean bin width.
     */
    static double hellinger(Samples.Numbers samples) {
        RunSummary summary = samples.summary();
        double[] edges = HistogramEdges.sturges(summary.min(), summary.max(), summary.distinctValues());
        long[][] counts = HistogramEdges.counts(samples.runs(), edges);
        double[] h1 = density(counts[0], edges);
        double[] h2 = density(counts[1], edges);
        double binWidth = (edges[edges.length - 1] - edges[0]) / (edges.length - 1);
        double coefficient = 0;
        for (int i = 0; i < h1.length; i++) {
            coefficient += Math.sqrt(h1[i] * h2[i]) * binWidth;
        }
        return Math.sqrt(1 - Math.min(1, Math.max(0, coefficient)));
    }

    private static double[] density(long[] counts, double[] edges) {
        long total = 0;
        for (long count : counts) {
            total += count;
        }
        double[] result = new double[counts.length];
        for (int i = 0; i < counts.length; i++) {
            result[i] = counts[i] / (edges[i + 1] - edges[i]) / total;
        }
        return result;
    }
}
