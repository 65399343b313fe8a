package dev.mlforge.api.serving;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /v2/models/{name}/infer} (Open Inference Protocol inference), as a client sends it; the
 * server reads it field by field as it streams in. Send it with {@code DeploymentsClient.infer}.
 *
 * @param id an id the answer echoes, or null for the server's request id
 * @param parameters request parameters (echoed back), or null
 * @param inputs the input tensors, one per signature input
 * @param outputs the outputs to answer (by name, with {@code binary_data} in their parameters), or null for all
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InferenceRequest(
        @JsonProperty("id") String id,
        @JsonProperty("parameters") Map<String, Object> parameters,
        @Schema(requiredMode = REQUIRED) @JsonProperty("inputs") List<InferenceTensor> inputs,
        @JsonProperty("outputs") List<RequestedOutput> outputs) {

    /** A request of {@code inputs} alone. */
    public InferenceRequest(List<InferenceTensor> inputs) {
        this(null, null, inputs, null);
    }

    /**
     * An output the request asks for.
     *
     * @param name the output tensor's name
     * @param parameters e.g. {@code {"binary_data": true}}, or null
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RequestedOutput(
            @Schema(requiredMode = REQUIRED) @JsonProperty("name") String name,
            @JsonProperty("parameters") Map<String, Object> parameters) {}
}
