package dev.mlforge.tracking;

import java.util.List;

/**
 * A logged model (MLflow 3's model entity): its attributes, tags and params, and the metrics logged with its id.
 * {@code artifactLocation} is {@code <experiment artifact location>/models/<model_id>/artifacts}.
 */
public record LoggedModelEntity(String modelId, String experimentId, String name, String artifactLocation,
        long creationTimestampMs, long lastUpdatedTimestampMs, LoggedModelStatus status, LifecycleStage lifecycleStage,
        String modelType, String sourceRunId, String statusMessage, List<Tag> tags, List<ParamEntity> params,
        List<LoggedModelMetric> metrics) {
}
