package dev.mlforge.api.tracking;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body of {@code runs/log-model}.
 *
 * @param runId the run id
 * @param modelJson the MLmodel description as JSON
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LogModelRequest(
        @JsonAlias("run_uuid") @JsonProperty("run_id") String runId,
        @JsonProperty("model_json") String modelJson) {
}
