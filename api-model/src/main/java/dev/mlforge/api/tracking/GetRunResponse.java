package dev.mlforge.api.tracking;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The answer to {@code runs/get}.
 *
 * @param run the run
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GetRunResponse(
        @JsonProperty("run") Run run) {
}
