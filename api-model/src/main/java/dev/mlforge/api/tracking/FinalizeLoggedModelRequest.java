package dev.mlforge.api.tracking;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of {@code PATCH logged-models/{model_id}}: the final status of the model's upload.
 *
 * @param modelId the model id (the path's, when absent from the body)
 * @param status {@code LOGGED_MODEL_READY} or {@code LOGGED_MODEL_UPLOAD_FAILED} (or their numbers 2 and 3)
 * @param statusMessage details on the status
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FinalizeLoggedModelRequest(
        @JsonProperty("model_id") String modelId,
        @Schema(requiredMode = REQUIRED) @JsonProperty("status") String status,
        @JsonProperty("status_message") String statusMessage) {
}
