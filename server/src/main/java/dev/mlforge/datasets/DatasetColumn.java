package dev.mlforge.datasets;

/** One column of a dataset's schema. */
public record DatasetColumn(String name, ColumnType type) {}
