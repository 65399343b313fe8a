package dev.mlforge.api.webhooks;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The answer of a webhook test.
 *
 * @param result what the test delivery got back
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TestWebhookResponse(
        @JsonProperty("result") WebhookTestResult result) {
}
