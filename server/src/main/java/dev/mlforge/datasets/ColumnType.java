package dev.mlforge.datasets;

/** The inferred type of a column: numeric when every non-empty value parses as a number. */
public enum ColumnType {
    NUMERIC,
    CATEGORICAL
}
