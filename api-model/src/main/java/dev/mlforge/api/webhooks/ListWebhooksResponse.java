package dev.mlforge.api.webhooks;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One page of webhooks, newest first; MLflow leaves an empty list out.
 *
 * @param webhooks the webhooks of this page
 * @param nextPageToken the token of the next page; null on the last page
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ListWebhooksResponse(
        @JsonProperty("webhooks") List<Webhook> webhooks,
        @JsonProperty("next_page_token") String nextPageToken) {
}
