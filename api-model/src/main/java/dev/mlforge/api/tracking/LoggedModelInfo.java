package dev.mlforge.api.tracking;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The attributes and tags of a logged model (MLflow 3's model entity).
 *
 * @param modelId {@code m-} followed by 32 hex digits
 * @param experimentId the experiment that owns the model
 * @param name the model's name
 * @param creationTimestampMs creation time, milliseconds since the epoch
 * @param lastUpdatedTimestampMs last update, milliseconds since the epoch
 * @param artifactUri where the model's files live, {@code mlflow-artifacts:/<exp>/models/<model_id>/artifacts}
 * @param status {@code LOGGED_MODEL_PENDING}, {@code LOGGED_MODEL_READY} or {@code LOGGED_MODEL_UPLOAD_FAILED}
 * @param modelType the model's type, such as {@code Agent}; empty when not given
 * @param sourceRunId the run that logged the model, if any
 * @param statusMessage details on the status, if any
 * @param tags the model's tags, by key
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LoggedModelInfo(
        @JsonProperty("model_id") String modelId,
        @JsonProperty("experiment_id") String experimentId,
        @JsonProperty("name") String name,
        @JsonProperty("creation_timestamp_ms") Long creationTimestampMs,
        @JsonProperty("last_updated_timestamp_ms") Long lastUpdatedTimestampMs,
        @JsonProperty("artifact_uri") String artifactUri,
        @JsonProperty("status") String status,
        @JsonProperty("model_type") String modelType,
        @JsonProperty("source_run_id") String sourceRunId,
        @JsonProperty("status_message") String statusMessage,
        @JsonProperty("tags") List<LoggedModelTag> tags) {
}
