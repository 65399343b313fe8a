package dev.mlforge.api.webhooks;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A webhook as MLflow answers it; its secret is never part of it.
 *
 * @param webhookId the webhook's id (a UUID)
 * @param name the name
 * @param description the description; null when none
 * @param url where events are POSTed
 * @param events the events it subscribes to, ordered by entity then action
 * @param status {@code ACTIVE} or {@code DISABLED}
 * @param creationTimestamp creation time, ms since the epoch
 * @param lastUpdatedTimestamp last update time, ms since the epoch
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Webhook(
        @JsonProperty("webhook_id") String webhookId,
        @JsonProperty("name") String name,
        @JsonProperty("description") String description,
        @JsonProperty("url") String url,
        @JsonProperty("events") List<WebhookEvent> events,
        @JsonProperty("status") String status,
        @JsonProperty("creation_timestamp") Long creationTimestamp,
        @JsonProperty("last_updated_timestamp") Long lastUpdatedTimestamp) {
}
