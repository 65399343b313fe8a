package dev.mlforge.monitoring.drift;

/**
 * Evidently's normed Wasserstein distance (wasserstein_distance_norm.py): SciPy's first Wasserstein distance between
 * the samples divided by the reference's population standard deviation, floored at 0.001.
 */
final class Wasserstein {
    private Wasserstein() {
    }

    static double normed(double[] sortedReference, double[] sortedCurrent) {
        return distance(sortedReference, sortedCurrent) / Math.max(populationStd(sortedReference), 0.001);
    }

    /** SciPy's {@code wasserstein_distance(u, v)}: the integral of |U - V| between the empirical CDFs. */
    static double distance(double[] u, double[] v) {
        int i = 0;
        int j = 0;
        double total = 0;
        double previous = Math.min(u[0], v[0]);
        while (i < u.length || j < v.length) {
            double value = i < u.length && (j >= v.length || u[i] <= v[j]) ? u[i] : v[j];
            total += Math.abs((double) i / u.length - (double) j / v.length) * (value - previous);
            while (i < u.length && u[i] == value) {
                i++;
            }
            while (j < v.length && v[j] == value) {
                j++;
            }
            previous = value;
        }
        return total;
    }

    static double populationStd(double[] values) {
        double sum = 0;
        for (double value : values) {
            sum += value;
        }
        double mean = sum / values.length;
        double squares = 0;
        for (double value : values) {
            double diff = value - mean;
            squares += diff * diff;
        }
        return Math.sqrt(squares / values.length);
    }
}
