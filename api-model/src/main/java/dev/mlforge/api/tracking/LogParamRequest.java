package dev.mlforge.api.tracking;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of {@code runs/log-parameter}.
 *
 * @param runId the run id
 * @param key the parameter name
 * @param value the value
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LogParamRequest(
        @JsonAlias("run_uuid") @Schema(requiredMode = REQUIRED) @JsonProperty("run_id") String runId,
        @Schema(requiredMode = REQUIRED) @JsonProperty("key") String key,
        @Schema(requiredMode = REQUIRED) @JsonProperty("value") String value) {
}
