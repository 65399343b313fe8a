package dev.mlforge.monitoring.drift;

/**
 * Runs one {@link DriftMethod} on prepared samples. This is the public entry point for single statistics, used by the
 * golden-vector tests: every method here matches SciPy 1.10 / Evidently's formulas.
 */
public final class DriftTests {
    private DriftTests() {
    }

    /**
     * Runs a method on two numerical samples (NaN and infinities are dropped first).
     *
     * @throws IllegalArgumentException when a sample is empty or the method cannot run on this data
     */
    public static TestResult numerical(DriftMethod method, double[] reference, double[] current) {
        return run(method, Samples.Numbers.of(reference, current));
    }

    /**
     * Runs a method on two categorical samples (null values are dropped first).
     *
     * @throws IllegalArgumentException when a sample is empty or the method applies to numbers only
     */
    public static TestResult categorical(DriftMethod method, String[] reference, String[] current) {
        return run(method, Samples.Categories.of(reference, current));
    }

    static TestResult run(DriftMethod method, Samples samples) {
        if (samples.referenceCount() == 0 || samples.currentCount() == 0) {
            throw new IllegalArgumentException("an empty column cannot be tested");
        }
        if (samples instanceof Samples.Numbers numbers) {
            return numerical(method, numbers);
        }
        if (!method.appliesTo(DriftColumnKind.CATEGORICAL)) {
            throw new IllegalArgumentException(method.id() + " applies to numerical columns only");
        }
        ValueCounts counts = samples.valueCounts();
        return switch (method) {
            case CHISQUARE -> CountTests.chiSquare(counts);
            case Z -> CountTests.zTest(counts);
            case PSI -> TestResult.distance(Divergences.psi(BinnedShares.of(counts)));
            case KL_DIV -> TestResult.distance(Divergences.klDivergence(BinnedShares.of(counts)));
            case JENSENSHANNON -> TestResult.distance(Divergences.jensenShannon(BinnedShares.of(counts)));
            case HELLINGER -> TestResult.distance(Divergences.hellinger(counts));
            default -> throw new IllegalArgumentException(method.id() + " applies to numerical columns only");
        };
    }

    private static TestResult numerical(DriftMethod method, Samples.Numbers numbers) {
        return switch (method) {
            case KS -> KolmogorovSmirnov.test(numbers);
            case CHISQUARE -> CountTests.chiSquare(numbers.valueCounts());
            case Z -> CountTests.zTest(numbers.valueCounts());
            case PSI -> TestResult.distance(Divergences.psi(BinnedShares.ofNumbers(numbers)));
            case KL_DIV -> TestResult.distance(Divergences.klDivergence(BinnedShares.ofNumbers(numbers)));
            case JENSENSHANNON -> TestResult.distance(Divergences.jensenShannon(BinnedShares.ofNumbers(numbers)));
            case HELLINGER -> TestResult.distance(Divergences.hellinger(numbers));
            case WASSERSTEIN -> TestResult.distance(Wasserstein.normed(numbers));
            case ANDERSON -> AndersonDarling.test(numbers);
            case CRAMER_VON_MISES -> {
                if (numbers.referenceCount() < 2 || numbers.currentCount() < 2) {
                    throw new IllegalArgumentException("cramer_von_mises needs at least two values on each side");
                }
                yield CramerVonMises.test(numbers);
            }
        };
    }
}
