package dev.mlforge.api.tracking;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * The body of {@code runs/outputs}: logged models a run produced.
 *
 * @param runId the run id (required)
 * @param models the models
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LogOutputsRequest(
        @Schema(requiredMode = REQUIRED) @JsonProperty("run_id") String runId,
        @JsonProperty("models") List<ModelOutput> models) {
}
