package dev.mlforge.api.webhooks;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a test delivery got back.
 *
 * @param success whether the receiver answered with a status below 400
 * @param responseStatus the receiver's HTTP status; null when no answer came
 * @param responseBody the receiver's answer; null when no answer came
 * @param errorMessage why no answer came; null when one came
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WebhookTestResult(
        @JsonProperty("success") Boolean success,
        @JsonProperty("response_status") Integer responseStatus,
        @JsonProperty("response_body") String responseBody,
        @JsonProperty("error_message") String errorMessage) {
}
