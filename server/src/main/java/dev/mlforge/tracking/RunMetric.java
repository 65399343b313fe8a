package dev.mlforge.tracking;

/** A metric measurement together with the id of its run. */
public record RunMetric(String runId, MetricEntity metric) {
}
