package dev.mlforge.monitoring.drift;

/**
 * Two-sample Anderson-Darling test equal to SciPy 1.10's {@code anderson_ksamp([ref, cur])} (midrank version of
 * Scholz and Stephens 1987, eq. 7). The p-value is SciPy's: a quadratic fit of log(significance) against the critical
 * values, capped to [0.001, 0.25]. Commons Statistics has no k-sample Anderson-Darling test, hence this class.
 */
final class AndersonDarling {
    private static final double[] B0 = {0.675, 1.281, 1.645, 1.96, 2.326, 2.573, 3.085};
    private static final double[] B1 = {-0.245, 0.25, 0.678, 1.149, 1.822, 2.364, 3.615};
    private static final double[] B2 = {-0.105, -0.305, -0.362, -0.391, -0.396, -0.345, -0.154};
    private static final double[] SIGNIFICANCE = {0.25, 0.1, 0.05, 0.025, 0.01, 0.005, 0.001};

    private AndersonDarling() {
    }

    /**
     * Any two samples; both inner sums of eq. 7 are accumulated in one pass over the runs.
     *
     * @throws IllegalArgumentException when the pooled data has fewer than two distinct values or fewer than 4 values
     */
    static TestResult test(Samples.Numbers samples) {
        long nx = samples.referenceCount();
        long ny = samples.currentCount();
        long bigN = nx + ny;
        if (samples.summary().distinctValues() < 2) {
            throw new IllegalArgumentException("anderson needs more than one distinct value");
        }
        if (bigN < 4) {
            throw new IllegalArgumentException("anderson needs at least 4 values in total");
        }
        double[] inner = new double[2];
        long[] seen = new long[3];
        samples.runs().forEach((value, reference, current) -> {
            long lj = reference + current;
            double bj = seen[2] + lj / 2.0;
            double denominator = bj * (bigN - bj) - (double) bigN * lj / 4.0;
            seen[0] += reference;
            seen[1] += current;
            inner[0] += term(bigN, lj, bj, denominator, seen[0] - reference / 2.0, nx);
            inner[1] += term(bigN, lj, bj, denominator, seen[1] - current / 2.0, ny);
            seen[2] += lj;
        });
        double a2akn = inner[0] / nx;
        a2akn += inner[1] / ny;
        a2akn *= (bigN - 1.) / bigN;
        int k = 2;
        double harmonicH = 1.0 / nx + 1.0 / ny;
        double cumulative = 0;
        double g = 0;
        for (long i = bigN - 1; i > 1; i--) {
            cumulative += 1.0 / i;
            g += cumulative / (bigN - i + 1);
        }
        double h = cumulative + 1;
        double a = (4 * g - 6) * (k - 1) + (10 - 6 * g) * harmonicH;
        double b = (2 * g - 4) * k * k + 8 * h * k + (2 * g - 14 * h - 4) * harmonicH - 8 * h + 4 * g - 6;
        double c = (6 * h + 2 * g - 2) * k * k + (4 * h - 4 * g + 6) * k + (2 * h - 6) * harmonicH + 4 * h;
        double d = (2 * h + 6) * k * k - 4 * h * k;
        double n = bigN;
        double sigmaSquared = (a * n * n * n + b * n * n + c * n + d) / ((n - 1.) * (n - 2.) * (n - 3.));
        double m = k - 1;
        double a2 = (a2akn - m) / Math.sqrt(sigmaSquared);
        return new TestResult(a2, pValue(a2, m));
    }

    private static double term(long bigN, long lj, double bj, double denominator, double mij, long n) {
        double numerator = bigN * mij - bj * n;
        return lj / (double) bigN * numerator * numerator / denominator;
    }

    private static double pValue(double a2, double m) {
        double[] critical = new double[B0.length];
        double[] logSignificance = new double[B0.length];
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < critical.length; i++) {
            critical[i] = B0[i] + B1[i] / Math.sqrt(m) + B2[i] / m;
            logSignificance[i] = Math.log(SIGNIFICANCE[i]);
            min = Math.min(min, critical[i]);
            max = Math.max(max, critical[i]);
        }
        if (a2 < min) {
            return 0.25;
        }
        if (a2 > max) {
            return 0.001;
        }
        double[] coefficients = QuadraticFit.fit(critical, logSignificance);
        return Math.exp((coefficients[0] * a2 + coefficients[1]) * a2 + coefficients[2]);
    }
}
