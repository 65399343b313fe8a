package dev.mlforge.monitoring.drift;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Compares one column of the reference with the same column of the current data. */
final class ColumnComparison {
    /** A missing-value share that moves by at least this much is reported (5 percentage points). */
    static final double MISSING_RATE_CHANGE = 0.05;

    private ColumnComparison() {
    }

    static DriftCalculator.ColumnOutcome compare(ColumnPair pair, DriftOptions options) {
        List<DataQualityIssue> issues = new ArrayList<>();
        String name = pair.name();
        DriftColumnKind type = pair.referenceType();
        if (pair.referenceType() != pair.currentType()) {
            issues.add(new DataQualityIssue(name, DataQualityIssue.Check.TYPE_CHANGE, "column is "
                    + pair.referenceType().label() + " in the reference but " + pair.currentType().label()
                    + " in the current data; compared as categorical"));
            type = DriftColumnKind.CATEGORICAL;
        }
        double missingReference = share(pair.referenceMissing(), pair.referenceRows());
        double missingCurrent = share(pair.currentMissing(), pair.currentRows());
        checkMissingRate(name, missingReference, missingCurrent, issues);
        Samples samples = type == DriftColumnKind.NUMERICAL ? pair.numbers() : pair.categories();
        if (samples.referenceCount() == 0 || samples.currentCount() == 0) {
            String side = samples.referenceCount() == 0 ? "reference" : "current data";
            String error = "column is empty in the " + side + " (no finite, non-missing value)";
            issues.add(new DataQualityIssue(name, DataQualityIssue.Check.EMPTY_COLUMN, error));
            DriftMethod method = options.methodFor(name);
            double threshold = method == null ? Double.NaN : options.thresholdFor(name, method);
            return new DriftCalculator.ColumnOutcome(new ColumnDrift(name, type, method, Double.NaN, Double.NaN,
                    threshold, false, samples.referenceCount(), samples.currentCount(), missingReference,
                    missingCurrent, error, Histogram.EMPTY), issues);
        }
        checkValues(name, samples, issues);
        DriftMethod method = options.methodFor(name);
        if (method == null) {
            method = DriftMethod.automatic(type, (int) Math.min(Integer.MAX_VALUE, samples.referenceCount()),
                    samples.distinctValues());
        }
        double threshold = options.thresholdFor(name, method);
        Histogram histogram = Histograms.of(samples);
        try {
            TestResult result = DriftTests.run(method, samples);
            double score = method.pValueTest() ? result.pValue() : result.statistic();
            return new DriftCalculator.ColumnOutcome(new ColumnDrift(name, type, method, result.statistic(),
                    result.pValue(), threshold, method.drifted(score, threshold), samples.referenceCount(),
                    samples.currentCount(), missingReference, missingCurrent, null, histogram), issues);
        } catch (IllegalArgumentException notApplicable) {
            return new DriftCalculator.ColumnOutcome(new ColumnDrift(name, type, method, Double.NaN, Double.NaN,
                    threshold, false, samples.referenceCount(), samples.currentCount(), missingReference,
                    missingCurrent, notApplicable.getMessage(), histogram), issues);
        }
    }

    private static double share(long part, long total) {
        return total == 0 ? 0.0 : part / (double) total;
    }

    private static void checkMissingRate(String name, double reference, double current,
            List<DataQualityIssue> issues) {
        if (Math.abs(current - reference) >= MISSING_RATE_CHANGE) {
            issues.add(new DataQualityIssue(name, DataQualityIssue.Check.MISSING_RATE_CHANGE, String.format(
                    Locale.ROOT, "missing values went from %.2f%% in the reference to %.2f%% in the current data",
                    reference * 100, current * 100)));
        }
    }

    private static void checkValues(String name, Samples samples, List<DataQualityIssue> issues) {
        if (samples instanceof Samples.Numbers numbers) {
            RunSummary summary = numbers.summary();
            long outside = summary.outsideReferenceRange();
            if (outside > 0) {
                issues.add(new DataQualityIssue(name, DataQualityIssue.Check.OUT_OF_RANGE, String.format(Locale.ROOT,
                        "%d current values (%.2f%%) are outside the reference range [%s, %s]", outside,
                        100.0 * outside / summary.currentCount(), NumberFormat.compact(summary.referenceMin()),
                        NumberFormat.compact(summary.referenceMax()))));
            }
        } else if (samples instanceof Samples.Categories categories) {
            List<String> unseen = categories.current().keySet().stream()
                    .filter(category -> !categories.reference().containsKey(category)).sorted().toList();
            if (!unseen.isEmpty()) {
                long rows = unseen.stream().mapToLong(category -> categories.current().get(category)).sum();
                String shown = String.join(", ", unseen.subList(0, Math.min(5, unseen.size())))
                        + (unseen.size() > 5 ? ", ..." : "");
                issues.add(new DataQualityIssue(name, DataQualityIssue.Check.NEW_CATEGORIES, String.format(
                        Locale.ROOT, "%d %s not in the reference (%d rows): %s", unseen.size(),
                        unseen.size() == 1 ? "category" : "categories", rows, shown)));
            }
        }
    }
}
