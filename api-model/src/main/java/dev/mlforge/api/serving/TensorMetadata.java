package dev.mlforge.api.serving;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One input or output of a model in the Open Inference Protocol's model metadata.
 *
 * @param name the tensor's name
 * @param datatype the protocol datatype ({@code FP32}, {@code INT64}, {@code BYTES}, ...)
 * @param shape the dimensions, {@code -1} for a variable one (usually the batch)
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record TensorMetadata(
        @JsonProperty("name") String name,
        @JsonProperty("datatype") String datatype,
        @JsonProperty("shape") List<Long> shape) {}
