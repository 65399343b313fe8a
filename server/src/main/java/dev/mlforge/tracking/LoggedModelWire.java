package dev.mlforge.tracking;

import dev.mlforge.api.tracking.LoggedModel;
import dev.mlforge.api.tracking.LoggedModelData;
import dev.mlforge.api.tracking.LoggedModelInfo;
import dev.mlforge.api.tracking.LoggedModelParameter;
import dev.mlforge.api.tracking.LoggedModelTag;
import dev.mlforge.api.tracking.Metric;

/**
 * Turns logged models into MLflow's wire records, as MLflow 3.11's server writes them: {@code model_type} and
 * {@code source_run_id} are {@code ""} when not given, absent optional fields and empty lists are omitted.
 */
final class LoggedModelWire {
    private LoggedModelWire() {}

    static LoggedModel model(LoggedModelEntity model) {
        LoggedModelInfo info = new LoggedModelInfo(model.modelId(), model.experimentId(), model.name(),
                model.creationTimestampMs(), model.lastUpdatedTimestampMs(), model.artifactLocation(),
                model.status().wireName(), model.modelType() == null ? "" : model.modelType(),
                model.sourceRunId() == null ? "" : model.sourceRunId(),
                model.statusMessage(),
                TrackingWire.orNull(model.tags().stream().map(tag -> new LoggedModelTag(tag.key(), tag.value())).toList()));
        LoggedModelData data = new LoggedModelData(
                TrackingWire.orNull(model.params().stream().map(p -> new LoggedModelParameter(p.key(), p.value())).toList()),
                TrackingWire.orNull(model.metrics().stream().map(LoggedModelWire::metric).toList()));
        return new LoggedModel(info, data);
    }

    static Metric metric(LoggedModelMetric metric) {
        MetricEntity value = metric.metric();
        return new Metric(value.key(), value.value(), value.timestamp(), value.step(), metric.datasetName(),
                metric.datasetDigest(), metric.modelId(), metric.runId());
    }
}
