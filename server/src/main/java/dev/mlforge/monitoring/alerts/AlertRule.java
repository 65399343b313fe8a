package dev.mlforge.monitoring.alerts;

/**
 * A rule on one monitored metric: it fires after {@code consecutiveWindows} breaching windows in a row.
 *
 * @param name the rule name, unique per model
 * @param metric the metric the rule watches (e.g. "drift_share", "accuracy")
 * @param comparator how values are compared with the threshold
 * @param threshold the threshold
 * @param consecutiveWindows breaching windows in a row needed to fire (at least 1)
 */
public record AlertRule(String name, String metric, Comparator comparator, double threshold,
        int consecutiveWindows) {
    public AlertRule {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("alert rule name must not be empty");
        }
        if (metric == null || metric.isBlank()) {
            throw new IllegalArgumentException("alert rule '" + name + "' needs a metric");
        }
        if (comparator == null) {
            throw new IllegalArgumentException("alert rule '" + name + "' needs a comparator");
        }
        if (!Double.isFinite(threshold)) {
            throw new IllegalArgumentException("alert rule '" + name + "' needs a finite threshold");
        }
        if (consecutiveWindows < 1) {
            throw new IllegalArgumentException("alert rule '" + name + "': consecutive windows must be at least 1, got "
                    + consecutiveWindows);
        }
    }

    boolean breachedBy(double value) {
        return comparator.breaches(value, threshold);
    }
}
