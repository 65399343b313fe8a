package dev.mlforge.api.tracking;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The body of {@code runs/outputs}: logged models a run produced.
 *
 * @param runId the run id (required)
 * @param models the models
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LogOutputsRequest(
        @JsonProperty("run_id") String runId,
        @JsonProperty("models") List<ModelOutput> models) {
}
