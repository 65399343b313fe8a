package dev.mlforge.monitoring.drift;

/** How a column's values are compared: as numbers or as categories. */
public enum ColumnType {
    NUMERICAL, CATEGORICAL;

    /** The lower-case name used in reports ("numerical", "categorical"). */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
