package dev.mlforge.api.tracking;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The inputs of a run.
 *
 * @param datasetInputs the datasets the run used
 * @param modelInputs the logged models the run used
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunInputs(
        @JsonProperty("dataset_inputs") List<DatasetInput> datasetInputs,
        @JsonProperty("model_inputs") List<ModelInput> modelInputs) {

    /** Dataset inputs only. */
    public RunInputs(List<DatasetInput> datasetInputs) {
        this(datasetInputs, null);
    }
}
