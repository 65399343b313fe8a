package dev.mlforge.monitoring.drift;

import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;

/** Tests over per-value counts: Evidently's chi-square and two-proportion z-test. */
final class CountTests {
    private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);

    private CountTests() {
    }

    /**
     * Evidently chisquare_stattest.py: {@code scipy.stats.chisquare(f_obs=current counts, f_exp=reference counts *
     * n_current / n_reference)}, k - 1 degrees of freedom. A single category gives statistic 0 and, as in SciPy,
     * a NaN p-value (zero degrees of freedom), which never counts as drift.
     */
    static TestResult chiSquare(ValueCounts counts) {
        long[] reference = counts.reference();
        long[] current = counts.current();
        double norm = counts.currentTotal() / (double) counts.referenceTotal();
        double statistic = 0;
        for (int i = 0; i < reference.length; i++) {
            double expected = reference[i] * norm;
            double diff = current[i] - expected;
            statistic += diff * diff / expected;
        }
        int dof = reference.length - 1;
        if (dof < 1) {
            return new TestResult(statistic, Double.NaN);
        }
        double p = Double.isInfinite(statistic) ? 0.0 : ChiSquaredDistribution.of(dof).survivalProbability(statistic);
        return new TestResult(statistic, p);
    }

    /**
     * Evidently z_stattest.py: pooled two-proportion z-test where the first (lowest) value counts as 0 and every
     * other value as 1; p = 2 * (1 - Phi(|z|)). Both samples holding only the same single value give p = 1.
     */
    static TestResult zTest(ValueCounts counts) {
        long[] reference = counts.reference();
        long[] current = counts.current();
        double n1 = counts.referenceTotal();
        double n2 = counts.currentTotal();
        if (reference.length == 1) {
            return new TestResult(0, 1.0);
        }
        double p1 = (n1 - reference[0]) / n1;
        double p2 = (n2 - current[0]) / n2;
        double pooled = (p1 * n1 + p2 * n2) / (n1 + n2);
        double z = (p1 - p2) / Math.sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2));
        double p = 2 * (1 - STANDARD_NORMAL.cumulativeProbability(Math.abs(z)));
        return new TestResult(z, p);
    }
}
