package dev.mlforge.tracking;

/** The smallest and largest value ever logged for one metric of one run (NaN values left out). */
public record MetricRange(String runId, double min, double max) {
}
