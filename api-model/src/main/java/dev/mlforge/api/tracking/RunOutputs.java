package dev.mlforge.api.tracking;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The outputs of a run.
 *
 * @param modelOutputs the logged models the run produced
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunOutputs(
        @JsonProperty("model_outputs") List<ModelOutput> modelOutputs) {
}
