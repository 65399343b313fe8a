package dev.mlforge.monitoring.monitors;

/**
 * A column's own drift method (such as {@code ks}, {@code psi}, {@code wasserstein}) and/or threshold; a null field
 * keeps the automatic choice.
 */
public record ColumnOverride(String method, Double threshold) {}
