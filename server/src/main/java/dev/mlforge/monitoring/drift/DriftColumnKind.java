package dev.mlforge.monitoring.drift;

/**
 * How the drift calculator compares a column's values: as numbers or as categories, labelled {@code numerical} and
 * {@code categorical} in drift reports. A separate type from a dataset's inferred {@code datasets.ColumnType}
 * (schema vocabulary, {@code NUMERIC}): the calculator and the CLI compare CSV columns that no dataset registered.
 */
public enum DriftColumnKind {
    NUMERICAL, CATEGORICAL;

    /** The lower-case name used in reports ("numerical", "categorical"). */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
