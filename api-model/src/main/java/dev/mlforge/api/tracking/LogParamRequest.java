package dev.mlforge.api.tracking;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body of {@code runs/log-parameter}.
 *
 * @param runId the run id
 * @param key the parameter name
 * @param value the value
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LogParamRequest(
        @JsonAlias("run_uuid") @JsonProperty("run_id") String runId,
        @JsonProperty("key") String key,
        @JsonProperty("value") String value) {
}
