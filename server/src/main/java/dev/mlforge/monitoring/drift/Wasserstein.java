package dev.mlforge.monitoring.drift;

/**
 * Evidently's normed Wasserstein distance (wasserstein_distance_norm.py): SciPy's first Wasserstein distance between
 * the samples divided by the reference's population standard deviation, floored at 0.001.
 */
final class Wasserstein {
    private Wasserstein() {
    }

    static double normed(Samples.Numbers samples) {
        return distance(samples) / Math.max(populationStd(samples), 0.001);
    }

    /** SciPy's {@code wasserstein_distance(u, v)}: the integral of |U - V| between the empirical CDFs. */
    static double distance(Samples.Numbers samples) {
        double n1 = samples.referenceCount();
        double n2 = samples.currentCount();
        double[] state = {0, samples.summary().min()};
        long[] seen = new long[2];
        samples.runs().forEach((value, reference, current) -> {
            state[0] += Math.abs(seen[0] / n1 - seen[1] / n2) * (value - state[1]);
            seen[0] += reference;
            seen[1] += current;
            state[1] = value;
        });
        return state[0];
    }

    /** Two passes (mean, then squared deviations) over the reference side, each run weighted by its count. */
    static double populationStd(Samples.Numbers samples) {
        double n = samples.referenceCount();
        double[] sum = {0};
        samples.runs().forEach((value, reference, current) -> sum[0] += value * reference);
        double mean = sum[0] / n;
        double[] squares = {0};
        samples.runs().forEach((value, reference, current) -> {
            double diff = value - mean;
            squares[0] += diff * diff * reference;
        });
        return Math.sqrt(squares[0] / n);
    }
}
