package dev.mlforge.api.tracking;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The answer to {@code runs/update}.
 *
 * @param runInfo the run's updated metadata
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UpdateRunResponse(
        @JsonProperty("run_info") RunInfo runInfo) {
}
