package dev.mlforge.webhooks;

/**
 * One try to deliver an event to a webhook, as the delivery log keeps it.
 *
 * @param deliveryId     the {@code X-MLflow-Delivery-Id} (shared by the retries of one delivery)
 * @param attempt        1 for the first try
 * @param timeMs         when the try ended, ms since the epoch
 * @param responseStatus the receiver's status; null when no answer came
 * @param error          why it failed; null when it succeeded
 * @param test           whether it came from the test route
 */
record DeliveryAttempt(String deliveryId, int attempt, String webhookId, EventType event, long timeMs, boolean success,
        Integer responseStatus, String error, boolean test) {}
