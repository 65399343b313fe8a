package dev.mlforge.monitoring.drift;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The drift tests and distances, named as Evidently names them, with Evidently's default thresholds and drift rules
 * (p-value tests drift when p is below the threshold, ks and cramer_von_mises also when equal; distances drift when
 * at or above the threshold).
 */
public enum DriftMethod {
    KS("ks", true, 0.05, true, true),
    CHISQUARE("chisquare", true, 0.05, false, false),
    Z("z", true, 0.05, false, false),
    PSI("psi", false, 0.1, false, false),
    JENSENSHANNON("jensenshannon", false, 0.1, false, false),
    KL_DIV("kl_div", false, 0.1, false, false),
    HELLINGER("hellinger", false, 0.1, false, false),
    WASSERSTEIN("wasserstein", false, 0.1, true, false),
    ANDERSON("anderson", true, 0.1, true, false),
    CRAMER_VON_MISES("cramer_von_mises", true, 0.1, true, true);

    private final String id;
    private final boolean pValueTest;
    private final double defaultThreshold;
    private final boolean numericalOnly;
    private final boolean driftAtThreshold;

    DriftMethod(String id, boolean pValueTest, double defaultThreshold, boolean numericalOnly,
            boolean driftAtThreshold) {
        this.id = id;
        this.pValueTest = pValueTest;
        this.defaultThreshold = defaultThreshold;
        this.numericalOnly = numericalOnly;
        this.driftAtThreshold = driftAtThreshold;
    }

    /** Evidently's name, e.g. {@code kl_div}. */
    public String id() {
        return id;
    }

    /** True for hypothesis tests (the score is a p-value), false for distances. */
    public boolean pValueTest() {
        return pValueTest;
    }

    public double defaultThreshold() {
        return defaultThreshold;
    }

    public boolean appliesTo(DriftColumnKind type) {
        return type == DriftColumnKind.NUMERICAL || !numericalOnly;
    }

    /** Whether a score (p-value or distance) means drift at this threshold. */
    public boolean drifted(double score, double threshold) {
        if (pValueTest) {
            return driftAtThreshold ? score <= threshold : score < threshold;
        }
        return score >= threshold;
    }

    /** The method with this Evidently name, if any. */
    public static Optional<DriftMethod> byId(String id) {
        String wanted = id.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(method -> method.id.equals(wanted)).findFirst();
    }

    /**
     * Evidently's default choice ({@code registry.py _get_default_stattest}): with at most 1000 reference values,
     * chisquare (more than 2 distinct values) or z for categorical and low-cardinality (<= 5) numerical columns, ks for
     * other numerical ones; above 1000, jensenshannon for categorical and low-cardinality numerical, wasserstein else.
     */
    public static DriftMethod automatic(DriftColumnKind type, int referenceSize, int distinctValues) {
        boolean fewValues = type == DriftColumnKind.CATEGORICAL || distinctValues <= 5;
        if (referenceSize <= 1000) {
            if (fewValues) {
                return distinctValues > 2 ? CHISQUARE : Z;
            }
            return KS;
        }
        return fewValues ? JENSENSHANNON : WASSERSTEIN;
    }
}
