package dev.mlforge.api.tracking;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of {@code runs/delete-tag}.
 *
 * @param runId the run id
 * @param key the tag key
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeleteTagRequest(
        @JsonAlias("run_uuid") @Schema(requiredMode = REQUIRED) @JsonProperty("run_id") String runId,
        @Schema(requiredMode = REQUIRED) @JsonProperty("key") String key) {
}
