package dev.mlforge.api.webhooks;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The body of {@code PATCH /api/2.0/mlflow/webhooks/{webhook_id}}: each field given (non-empty) replaces the webhook's.
 *
 * @param name a new name
 * @param description a new description
 * @param url a new URL
 * @param events a new set of events (replaces the old set)
 * @param secret a new HMAC secret
 * @param status {@code ACTIVE} or {@code DISABLED}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UpdateWebhookRequest(
        @JsonProperty("name") String name,
        @JsonProperty("description") String description,
        @JsonProperty("url") String url,
        @JsonProperty("events") List<WebhookEvent> events,
        @JsonProperty("secret") String secret,
        @JsonProperty("status") String status) {
}
