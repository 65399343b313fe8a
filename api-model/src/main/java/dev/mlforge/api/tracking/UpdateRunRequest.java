package dev.mlforge.api.tracking;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of {@code runs/update}.
 *
 * @param runId the run id
 * @param status the new status
 * @param endTime end, milliseconds since the epoch
 * @param runName the new name
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UpdateRunRequest(
        @JsonAlias("run_uuid") @Schema(requiredMode = REQUIRED) @JsonProperty("run_id") String runId,
        @JsonProperty("status") String status,
        @JsonProperty("end_time") Long endTime,
        @JsonProperty("run_name") String runName) {
}
