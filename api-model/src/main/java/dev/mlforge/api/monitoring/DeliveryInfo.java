package dev.mlforge.api.monitoring;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One attempt to notify about an alert.
 *
 * @param id the attempt's id
 * @param alertId the alert notified about
 * @param channel {@code webhook} or {@code log}
 * @param event {@code firing} or {@code resolved}
 * @param attempt 1 for the first try, then 2, 3, ... for retries
 * @param success whether it was delivered
 * @param statusCode the webhook's HTTP status, or null when no response came back
 * @param error why it failed, or null on success
 * @param time when it was attempted, an ISO-8601 instant (UTC), e.g. {@code 2026-12-03T10:15:30.123Z}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeliveryInfo(
        @JsonProperty("id") long id,
        @JsonProperty("alert_id") String alertId,
        @JsonProperty("channel") String channel,
        @JsonProperty("event") String event,
        @JsonProperty("attempt") int attempt,
        @JsonProperty("success") boolean success,
        @JsonProperty("status_code") Integer statusCode,
        @JsonProperty("error") String error,
        @JsonProperty("time") String time) {}
