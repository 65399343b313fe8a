package dev.mlforge.api.tracking;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of requests that name just a run: {@code runs/get}, {@code runs/delete}, {@code runs/restore}.
 *
 * @param runId the run id
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunIdRequest(
        @JsonAlias("run_uuid") @Schema(requiredMode = REQUIRED) @JsonProperty("run_id") String runId) {
}
