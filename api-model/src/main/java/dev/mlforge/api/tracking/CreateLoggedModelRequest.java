package dev.mlforge.api.tracking;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * The body of {@code POST logged-models}.
 *
 * @param experimentId the experiment that will own the model (required)
 * @param name the model's name; a random name when absent
 * @param modelType the model's type, such as {@code Classifier}
 * @param sourceRunId the run that logs the model
 * @param params the model's params
 * @param tags the model's tags
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CreateLoggedModelRequest(
        @Schema(requiredMode = REQUIRED) @JsonProperty("experiment_id") String experimentId,
        @JsonProperty("name") String name,
        @JsonProperty("model_type") String modelType,
        @JsonProperty("source_run_id") String sourceRunId,
        @JsonProperty("params") List<LoggedModelParameter> params,
        @JsonProperty("tags") List<LoggedModelTag> tags) {
}
