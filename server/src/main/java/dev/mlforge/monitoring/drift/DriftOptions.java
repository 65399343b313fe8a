package dev.mlforge.monitoring.drift;

import java.util.List;
import java.util.Map;

/**
 * What to compare and how.
 *
 * @param method the method for every column, or null for Evidently's automatic choice per column
 * @param columnMethods per-column methods, taking precedence over {@code method}
 * @param threshold the threshold for every column, or null for each method's default
 * @param columnThresholds per-column thresholds, taking precedence over {@code threshold}
 * @param driftShare the share of drifted columns at which the dataset counts as drifted (Evidently: 0.5)
 * @param columns the columns to compare, or empty for every column present in the reference
 */
public record DriftOptions(DriftMethod method, Map<String, DriftMethod> columnMethods, Double threshold,
        Map<String, Double> columnThresholds, double driftShare, List<String> columns) {
    public static final double DEFAULT_DRIFT_SHARE = 0.5;

    public DriftOptions {
        columnMethods = Map.copyOf(columnMethods);
        columnThresholds = Map.copyOf(columnThresholds);
        columns = List.copyOf(columns);
        if (!(driftShare > 0 && driftShare <= 1)) {
            throw new IllegalArgumentException("drift share must be in (0, 1], got " + driftShare);
        }
        if (threshold != null && !(threshold >= 0)) {
            throw new IllegalArgumentException("threshold must be a non-negative number, got " + threshold);
        }
    }

    /** Automatic methods, default thresholds, drift share 0.5, every column. */
    public static DriftOptions defaults() {
        return new DriftOptions(null, Map.of(), null, Map.of(), DEFAULT_DRIFT_SHARE, List.of());
    }

    public DriftOptions withMethod(DriftMethod newMethod) {
        return new DriftOptions(newMethod, columnMethods, threshold, columnThresholds, driftShare, columns);
    }

    public DriftOptions withThreshold(Double newThreshold) {
        return new DriftOptions(method, columnMethods, newThreshold, columnThresholds, driftShare, columns);
    }

    public DriftOptions withColumns(List<String> newColumns) {
        return new DriftOptions(method, columnMethods, threshold, columnThresholds, driftShare, newColumns);
    }

    public DriftOptions withDriftShare(double newDriftShare) {
        return new DriftOptions(method, columnMethods, threshold, columnThresholds, newDriftShare, columns);
    }

    public DriftOptions withColumnThresholds(Map<String, Double> thresholds) {
        return new DriftOptions(method, columnMethods, threshold, thresholds, driftShare, columns);
    }

    public DriftOptions withColumnMethods(Map<String, DriftMethod> methods) {
        return new DriftOptions(method, methods, threshold, columnThresholds, driftShare, columns);
    }

    DriftMethod methodFor(String column) {
        return columnMethods.getOrDefault(column, method);
    }

    double thresholdFor(String column, DriftMethod chosen) {
        Double specific = columnThresholds.get(column);
        if (specific != null) {
            return specific;
        }
        return threshold != null ? threshold : chosen.defaultThreshold();
    }
}
