package dev.mlforge.monitoring.alerts;

import java.time.Instant;

/**
 * One attempt to notify about an alert.
 *
 * @param channel    {@code webhook} or {@code log}
 * @param event      {@code firing} or {@code resolved}
 * @param attempt    1 for the first try, then 2, 3, ... for retries
 * @param statusCode the webhook's HTTP status; null when no response came back
 * @param error      why the attempt failed; null on success
 */
public record Delivery(long id, String alertId, String channel, String event, int attempt, boolean success,
        Integer statusCode, String error, Instant time) {}
