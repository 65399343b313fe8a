package dev.mlforge.datasets;

/** One column of a dataset's schema. */
public record ColumnSchema(String name, ColumnType type) {}
