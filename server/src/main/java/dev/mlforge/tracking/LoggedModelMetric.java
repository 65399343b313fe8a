package dev.mlforge.tracking;

/** A metric value logged with a model id: the run that logged it and the dataset it was measured on, if any. */
public record LoggedModelMetric(String modelId, String runId, MetricEntity metric, String datasetName, String datasetDigest) {
}
