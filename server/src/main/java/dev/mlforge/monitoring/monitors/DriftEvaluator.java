package dev.mlforge.monitoring.monitors;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** Compares current columns with reference columns, column by column, and decides whether the dataset drifted. */
public interface DriftEvaluator {
    /** The method names a column override may ask for ({@code ks}, {@code psi}, ...). */
    Set<String> methods();

    /**
     * @param reference  the reference columns
     * @param current    the current columns (the same names as {@code reference})
     * @param overrides  per-column method and threshold, by column name
     * @param driftShare the share of drifted columns from which the dataset counts as drifted
     */
    StoredDriftReport evaluate(ColumnTable reference, ColumnTable current, Map<String, ColumnOverride> overrides, double driftShare);

    /**
     * The full comparison of each column, with the reference and current shares per bin, for display; the
     * default, for evaluators that keep no histograms, is an empty list.
     */
    default List<dev.mlforge.monitoring.drift.ColumnDrift> compareColumns(ColumnTable reference, ColumnTable current,
            Map<String, ColumnOverride> overrides, double driftShare) {
        return List.of();
    }
}
