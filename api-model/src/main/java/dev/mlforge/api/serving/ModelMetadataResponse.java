package dev.mlforge.api.serving;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The answer of {@code GET /v2/models/{name}} (Open Inference Protocol model metadata).
 *
 * @param name the model (deployment) name
 * @param versions the versions that can answer
 * @param platform the runtime, e.g. {@code onnx_onnxv1}
 * @param inputs the inputs the model takes
 * @param outputs the outputs it gives
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ModelMetadataResponse(
        @JsonProperty("name") String name,
        @JsonProperty("versions") List<String> versions,
        @JsonProperty("platform") String platform,
        @JsonProperty("inputs") List<TensorMetadata> inputs,
        @JsonProperty("outputs") List<TensorMetadata> outputs) {}
