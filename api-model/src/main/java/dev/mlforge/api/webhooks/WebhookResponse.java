package dev.mlforge.api.webhooks;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The answer of create, get and update of a webhook.
 *
 * @param webhook the webhook
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WebhookResponse(
        @JsonProperty("webhook") Webhook webhook) {
}
