package dev.mlforge.api.webhooks;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body of {@code POST /api/2.0/mlflow/webhooks/{webhook_id}/test}.
 *
 * @param event the event whose example payload is sent; absent for the webhook's first event
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TestWebhookRequest(
        @JsonProperty("event") WebhookEvent event) {
}
