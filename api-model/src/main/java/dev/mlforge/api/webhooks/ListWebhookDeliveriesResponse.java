package dev.mlforge.api.webhooks;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One page of a webhook's delivery log, newest first ({@code GET /api/v1/webhooks/{webhook_id}/deliveries}).
 *
 * @param deliveries the attempts of this page
 * @param nextPageToken the token of the next page; null on the last page
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ListWebhookDeliveriesResponse(
        @JsonProperty("deliveries") List<WebhookDelivery> deliveries,
        @JsonProperty("next_page_token") String nextPageToken) {
}
