package dev.mlforge.api.tracking;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A run: its metadata, its logged data and its inputs.
 *
 * @param info the run's metadata
 * @param data the run's metrics, parameters and tags
 * @param inputs the run's dataset and model inputs
 * @param outputs the run's model outputs ({@code runs/get} only)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Run(
        @JsonProperty("info") RunInfo info,
        @JsonProperty("data") RunData data,
        @JsonProperty("inputs") RunInputs inputs,
        @JsonProperty("outputs") RunOutputs outputs) {

    /** A run without outputs, as {@code runs/create} and {@code runs/search} answer it. */
    public Run(RunInfo info, RunData data, RunInputs inputs) {
        this(info, data, inputs, null);
    }
}
