package dev.mlforge.api.webhooks;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One attempt to deliver an event to a webhook (mlforge's delivery log; MLflow keeps none).
 *
 * @param deliveryId the {@code X-MLflow-Delivery-Id} the attempt carried (retries of one event share it)
 * @param webhookId the webhook
 * @param event the event delivered
 * @param attempt 1 for the first try, then 2, 3...
 * @param timestamp when the attempt ended, ms since the epoch
 * @param success whether the receiver answered with a 2xx status
 * @param responseStatus the receiver's status; null when no answer came
 * @param errorMessage why the attempt failed; null when it succeeded
 * @param test whether it was a test delivery
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WebhookDelivery(
        @JsonProperty("delivery_id") String deliveryId,
        @JsonProperty("webhook_id") String webhookId,
        @JsonProperty("event") WebhookEvent event,
        @JsonProperty("attempt") Integer attempt,
        @JsonProperty("timestamp") Long timestamp,
        @JsonProperty("success") Boolean success,
        @JsonProperty("response_status") Integer responseStatus,
        @JsonProperty("error_message") String errorMessage,
        @JsonProperty("test") Boolean test) {
}
