package dev.mlforge.api.tracking;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of {@code experiments/update}.
 *
 * @param experimentId the experiment id
 * @param newName the new name
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UpdateExperimentRequest(
        @Schema(requiredMode = REQUIRED) @JsonProperty("experiment_id") String experimentId,
        @Schema(requiredMode = REQUIRED) @JsonProperty("new_name") String newName) {
}
