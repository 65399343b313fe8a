package dev.mlforge.api.webhooks;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * The body of {@code POST /api/2.0/mlflow/webhooks}.
 *
 * @param name the name (required): 1 to 63 letters, digits, dots, underscores and hyphens, starting and ending with
 *             a letter or digit
 * @param description an optional description
 * @param url where events are POSTed (required)
 * @param events the events to subscribe to (required, not empty)
 * @param secret the HMAC key deliveries are signed with; optional, never returned
 * @param status {@code ACTIVE} (the default) or {@code DISABLED}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CreateWebhookRequest(
        @Schema(requiredMode = REQUIRED) @JsonProperty("name") String name,
        @JsonProperty("description") String description,
        @Schema(requiredMode = REQUIRED) @JsonProperty("url") String url,
        @Schema(requiredMode = REQUIRED) @JsonProperty("events") List<WebhookEvent> events,
        @JsonProperty("secret") String secret,
        @JsonProperty("status") String status) {
}
