package dev.mlforge.api.tracking;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The answer to {@code runs/create}.
 *
 * @param run the new run
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CreateRunResponse(
        @JsonProperty("run") Run run) {
}
