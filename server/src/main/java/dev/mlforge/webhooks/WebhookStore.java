package dev.mlforge.webhooks;

import java.util.List;
import java.util.Optional;

/** Webhooks, their events and their delivery log (tables of migration V13). */
interface WebhookStore {
    void insert(WebhookEntity webhook);

    /** A webhook that is not deleted. */
    Optional<WebhookEntity> find(String id);

    /** Whether a webhook of this id was ever created (deleted ones included: their delivery log stays readable). */
    boolean known(String id);

    /** Webhooks that are not deleted, newest first, from {@code offset}, at most {@code limit}. */
    List<WebhookEntity> page(int offset, int limit);

    /** Replaces the webhook's fields and events. */
    void update(WebhookEntity webhook);

    void markDeleted(String id, long timeMs);

    /** Whether any webhook is active and not deleted. */
    boolean anyActive();

    /** Active webhooks of the current workspace (where the event happened), not deleted, subscribed to {@code type}. */
    List<WebhookEntity> activeFor(EventType type);

    void insertAttempt(DeliveryAttempt attempt);

    /** Deletes the delivery log's attempts made before {@code timeMs}; answers how many there were. */
    int deleteAttemptsBefore(long timeMs);

    /** A webhook's delivery attempts, newest first. */
    List<DeliveryAttempt> attempts(String webhookId, int offset, int limit);
}
