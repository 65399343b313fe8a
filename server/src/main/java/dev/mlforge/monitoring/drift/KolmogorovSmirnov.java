package dev.mlforge.monitoring.drift;

/**
 * Two-sample Kolmogorov-Smirnov test equal to SciPy 1.10's {@code ks_2samp(a, b)} (two-sided, method 'auto'): exact
 * when both samples have at most 10,000 values, Smirnov's asymptotic {@code kstwo.sf(D, round(n*m/(n+m)))} otherwise,
 * and asymptotic as well when the exact computation is not finite. In the exact mode the statistic is reported as
 * SciPy does, rounded to a multiple of 1/lcm(n, m).
 */
final class KolmogorovSmirnov {
    static final int MAX_EXACT_N = 10000;

    private KolmogorovSmirnov() {
    }

    /** Both samples non-empty. */
    static TestResult test(Samples.Numbers samples) {
        long n1 = samples.referenceCount();
        long n2 = samples.currentCount();
        double d = statistic(samples.runs(), n1, n2);
        long g = gcd(n1, n2);
        if (Math.max(n1, n2) <= MAX_EXACT_N) {
            long lcm = (n1 / g) * (long) n2;
            long h = Math.round(d * lcm);
            double exactD = h * 1.0 / lcm;
            if (h == 0) {
                return new TestResult(exactD, 1.0);
            }
            double prob = n1 == n2 ? probOutsideSquare((int) n1, (int) h) : outerProbInside(n1, n2, g, h);
            if (Double.isFinite(prob) && prob >= 0 && prob <= 1) {
                return new TestResult(exactD, prob);
            }
            d = exactD;
        }
        double m = Math.max(n1, n2);
        double n = Math.min(n1, n2);
        double en = m * n / (m + n);
        double p = KolmogorovDistribution.sf((int) Math.rint(en), d);
        return new TestResult(d, Math.min(1, Math.max(0, p)));
    }

    /** max |F1 - F2| over the pooled values, with right-continuous ECDFs (ties handled as searchsorted 'right'). */
    static double statistic(ValueRuns runs, long n1, long n2) {
        double[] extremes = new double[2];
        long[] seen = new long[2];
        runs.forEach((value, reference, current) -> {
            seen[0] += reference;
            seen[1] += current;
            double diff = (double) seen[0] / n1 - (double) seen[1] / n2;
            extremes[0] = Math.max(extremes[0], diff);
            extremes[1] = Math.max(extremes[1], -diff);
        });
        double maxPositive = extremes[0];
        double maxNegative = extremes[1];
        return Math.min(1.0, maxNegative) > maxPositive ? Math.min(1.0, maxNegative) : maxPositive;
    }

    static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    /** SciPy's {@code _compute_prob_outside_square}: Pr(D_{n,n} >= h/n) by a Horner-like alternating sum. */
    static double probOutsideSquare(int n, int h) {
        double p = 0.0;
        int k = (int) Math.floor((double) n / h);
        while (k >= 0) {
            double p1 = 1.0;
            for (int j = 0; j < h; j++) {
                p1 = (n - (double) k * h - j) * p1 / (n + (double) k * h + j + 1);
            }
            p = p1 * (1.0 - p);
            k--;
        }
        return 2 * p;
    }

    /** SciPy's {@code _compute_outer_prob_inside_method} (Hodges' inside method, Viehmann's recursion for 1 - p). */
    static double outerProbInside(long m0, long n0, long g, long h) {
        long m = Math.max(m0, n0);
        long n = Math.min(m0, n0);
        long mg = m / g;
        long ng = n / g;
        long minj = 0;
        long maxj = Math.min((long) Math.ceil((double) h / mg), n + 1);
        long curlen = maxj - minj;
        int lenA = (int) Math.min(2 * maxj + 2, n + 1);
        double[] a = new double[lenA];
        java.util.Arrays.fill(a, 1.0);
        for (long j = minj; j < maxj && j < lenA; j++) {
            a[(int) j] = 0.0;
        }
        for (long i = 1; i <= m; i++) {
            long lastminj = minj;
            long lastlen = curlen;
            minj = Math.max((long) Math.floor((double) (ng * i - h) / mg) + 1, 0);
            minj = Math.min(minj, n);
            maxj = Math.min((long) Math.ceil((double) (ng * i + h) / mg), n + 1);
            if (maxj <= minj) {
                return 1.0;
            }
            double val = minj == 0 ? 0.0 : 1.0;
            for (long jj = 0; jj < maxj - minj; jj++) {
                long j = jj + minj;
                val = (a[(int) (jj + minj - lastminj)] * i + val * j) / (i + j);
                a[(int) jj] = val;
            }
            curlen = maxj - minj;
            if (lastlen > curlen) {
                for (long c = maxj - minj; c < maxj - minj + (lastlen - curlen) && c < lenA; c++) {
                    a[(int) c] = 1;
                }
            }
        }
        return a[(int) (maxj - minj - 1)];
    }
}
