package dev.mlforge.monitoring.drift;

import java.util.HashMap;
import java.util.Map;
import org.apache.commons.numbers.combinatorics.BinomialCoefficient;
import org.apache.commons.numbers.gamma.LogGamma;

/**
 * Two-sample Cramér-von Mises test equal to SciPy 1.10's {@code cramervonmises_2samp(x, y)} (method 'auto': exact
 * when both samples have at most 20 values, otherwise the asymptotic distribution of Csörgő and Faraway). Commons
 * Statistics has no two-sample Cramér-von Mises test, hence this class; the Bessel function K_1/4 needed by the
 * limiting distribution is integrated numerically.
 */
final class CramerVonMises {
    static final int MAX_EXACT_N = 20;

    private CramerVonMises() {
    }

    /**
     * Both samples with at least two values each. The squared rank deviations are summed run by run with the midrank
     * of each run, value by value, as over the pooled sorted samples.
     */
    static TestResult test(Samples.Numbers samples) {
        long nx = samples.referenceCount();
        long ny = samples.currentCount();
        double[] sums = new double[2];
        long[] seen = new long[3];
        samples.runs().forEach((value, reference, current) -> {
            long tied = reference + current;
            double rank = seen[2] + (tied + 1) / 2.0;
            sums[0] = squaredDeviations(sums[0], rank, seen[0], reference);
            sums[1] = squaredDeviations(sums[1], rank, seen[1], current);
            seen[0] += reference;
            seen[1] += current;
            seen[2] += tied;
        });
        double sx = sums[0];
        double sy = sums[1];
        double u = nx * sx + ny * sy;
        double k = (double) nx * ny;
        double bigN = nx + ny;
        double t = u / (k * bigN) - (4 * k - 1) / (6 * bigN);
        double p;
        if (Math.max(nx, ny) <= MAX_EXACT_N) {
            p = exactPValue(u, (int) nx, (int) ny);
        } else {
            double et = (1 + 1 / bigN) / 6;
            double vt = (bigN + 1) * (4 * k * bigN - 3 * ((double) nx * nx + (double) ny * ny) - 2 * k);
            vt = vt / (45 * bigN * bigN * 4 * k);
            double tn = 1.0 / 6 + (t - et) / Math.sqrt(45 * vt);
            p = tn < 0.003 ? 1.0 : Math.max(0, 1. - limitingCdf(tn));
        }
        return new TestResult(t, p);
    }

    /** Adds (rank - (position + 1))^2 for the sample's values at positions {@code before .. before + count - 1}. */
    private static double squaredDeviations(double sum, double rank, long before, long count) {
        for (long i = before; i < before + count; i++) {
            double diff = rank - (i + 1);
            sum += diff * diff;
        }
        return sum;
    }

    /** SciPy's {@code _pval_cvm_2samp_exact} (Xiao, Gordon and Yakovlev's path counting). */
    static double exactPValue(double s, int m, int n) {
        long lcm = m / KolmogorovSmirnov.gcd(m, n) * n;
        long a = lcm / m;
        long b = lcm / n;
        long mn = (long) m * n;
        double zeta;
        double s4 = 4 * s;
        if (Math.abs(s4 - Math.rint(s4)) < 1e-6) {
            // Exact integer arithmetic, as Python's floor division of these integral floats is exact.
            long numerator = lcm * lcm * (m + n) * (24 * (long) Math.rint(s4) / 4 - 4 * mn * (4 * mn - 1));
            zeta = Math.floorDiv(numerator, 24 * mn * mn);
        } else {
            zeta = Math.floor(lcm * lcm * (double) (m + n) * (6 * s - mn * (4.0 * mn - 1)) / (6.0 * mn * mn));
        }
        long combinations = BinomialCoefficient.value(m + n, m);
        @SuppressWarnings("unchecked")
        Map<Long, Long>[] gs = new Map[m + 1];
        for (int v = 0; v <= m; v++) {
            gs[v] = new HashMap<>();
        }
        gs[0].put(0L, 1L);
        for (int u = 0; u <= n; u++) {
            @SuppressWarnings("unchecked")
            Map<Long, Long>[] next = new Map[m + 1];
            Map<Long, Long> tmp = new HashMap<>();
            for (int v = 0; v <= m; v++) {
                Map<Long, Long> merged = new HashMap<>(tmp);
                gs[v].forEach((value, freq) -> merged.merge(value, freq, Long::sum));
                long shift = (a * v - b * u) * (a * v - b * u);
                Map<Long, Long> shifted = new HashMap<>(merged.size() * 2);
                merged.forEach((value, freq) -> shifted.put(value + shift, freq));
                next[v] = shifted;
                tmp = shifted;
            }
            gs = next;
        }
        long count = 0;
        for (Map.Entry<Long, Long> entry : gs[m].entrySet()) {
            if (entry.getKey() >= zeta) {
                count += entry.getValue();
            }
        }
        return (double) count / combinations;
    }

    /** SciPy's {@code _cdf_cvm_inf}: the series of Csörgő and Faraway (1996), eq. 1.2, summed until a term < 1e-7. */
    static double limitingCdf(double x) {
        double total = 0;
        for (int k = 0; ; k++) {
            double u = Math.exp(LogGamma.value(k + 0.5) - LogGamma.value(k + 1)) / (Math.pow(Math.PI, 1.5) * Math.sqrt(x));
            double y = 4 * k + 1;
            double q = y * y / (16 * x);
            double term = u * Math.sqrt(y) * Math.exp(-q) * besselK(0.25, q);
            total += term;
            if (!(Math.abs(term) >= 1e-7)) {
                return total;
            }
        }
    }

    /**
     * Modified Bessel function of the second kind, K_nu(z) = integral over t >= 0 of exp(-z cosh t) cosh(nu t), by the
     * trapezoidal rule, which converges geometrically for this analytic, doubly exponentially decaying integrand.
     */
    static double besselK(double nu, double z) {
        double step = 0.02;
        double sum = 0.5 * Math.exp(-z);
        for (int i = 1; ; i++) {
            double t = i * step;
            double term = Math.exp(-z * Math.cosh(t)) * Math.cosh(nu * t);
            sum += term;
            if (term < 1e-18 * sum) {
                break;
            }
        }
        return sum * step;
    }
}
