package dev.mlforge.api.tracking;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of requests that name just an experiment: {@code experiments/delete}, {@code experiments/restore}.
 *
 * @param experimentId the experiment id
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExperimentIdRequest(
        @Schema(requiredMode = REQUIRED) @JsonProperty("experiment_id") String experimentId) {
}
