package dev.mlforge.api.serving;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The answer of {@code POST /v2/models/{name}/infer} (Open Inference Protocol inference).
 *
 * @param modelName the model (deployment) name
 * @param modelVersion the version that answered
 * @param id the request's id (the one sent, else the server's request id)
 * @param outputs the output tensors, all of them or those the request named
 * @param parameters the request's {@code parameters} object echoed back, or null when it sent none
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record InferenceResponse(
        @JsonProperty("model_name") String modelName,
        @JsonProperty("model_version") String modelVersion,
        @JsonProperty("id") String id,
        @JsonProperty("outputs") List<InferenceTensor> outputs,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("parameters") Object parameters) {}
