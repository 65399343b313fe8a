package dev.mlforge.api.tracing;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Where a trace lives: {@code {"type": "MLFLOW_EXPERIMENT", "mlflow_experiment": {"experiment_id": "1"}}}.
 *
 * @param type             {@code MLFLOW_EXPERIMENT} (the only type an MLflow server stores)
 * @param mlflowExperiment the experiment holding the trace
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TraceLocation(
        @JsonProperty("type") String type,
        @JsonProperty("mlflow_experiment") MlflowExperiment mlflowExperiment) {

    /** @param experimentId the experiment's id */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MlflowExperiment(@JsonProperty("experiment_id") String experimentId) {}

    /** The location of a trace in experiment {@code experimentId}. */
    public static TraceLocation experiment(String experimentId) {
        return new TraceLocation("MLFLOW_EXPERIMENT", new MlflowExperiment(experimentId));
    }

    /** The experiment id, or null when the location names none. */
    public String experimentId() {
        return mlflowExperiment == null ? null : mlflowExperiment.experimentId();
    }
}
