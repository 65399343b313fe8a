package dev.mlforge.api.serving;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of {@code POST /api/v1/deployments/{name}/feedback}: the ground truth of a logged prediction.
 *
 * @param requestId the prediction's request id, as its answer's {@code X-Request-ID} or {@code id} gave it (required)
 * @param label the true value, any JSON value: a string, number, boolean, array or object (required)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FeedbackRequest(
        @Schema(requiredMode = REQUIRED) @JsonProperty("request_id") String requestId,
        @Schema(requiredMode = REQUIRED) @JsonProperty("label") Object label) {
}
