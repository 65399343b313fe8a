package dev.mlforge.webhooks;

import dev.mlforge.http.MlforgeException;
import dev.mlforge.search.PageToken;
import dev.mlforge.search.ResultPage;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

/** Creates, reads, changes and deletes webhooks with MLflow's validation and messages (its SQL store's semantics). */
final class WebhookService {
    private final WebhookStore store;
    private final WebhookUrls urls;
    private final Clock clock;
    private final Supplier<String> ids;
    private final WebhookSender sender;

    WebhookService(WebhookStore store, WebhookUrls urls, Clock clock, Supplier<String> ids, WebhookSender sender) {
        this.store = store;
        this.urls = urls;
        this.clock = clock;
        this.ids = ids;
        this.sender = sender;
    }

    WebhookEntity create(String name, String description, String url, List<EventType> events, String secret,
            WebhookStatus status) {
        WebhookValidation.name(name);
        urls.validate(url);
        WebhookValidation.events(events);
        long now = clock.millis();
        WebhookEntity webhook = new WebhookEntity(ids.get(), name, emptyToNull(description), url, events,
                status == null ? WebhookStatus.ACTIVE : status, emptyToNull(secret), now, now);
        store.insert(webhook);
        return webhook;
    }

    WebhookEntity get(String id) {
        return store.find(id).orElseThrow(() -> MlforgeException.notFound("Webhook with ID " + id + " not found."));
    }

    /** A page of webhooks, newest first: {@code maxResults} absent or 0 means 100, otherwise 1 to 1000. */
    ResultPage<WebhookEntity> list(Integer maxResults, String pageToken) {
        int limit = pageSize(maxResults);
        int offset = PageToken.decode(pageToken);
        List<WebhookEntity> rows = store.page(offset, limit + 1);
        return page(rows, offset, limit);
    }

    static int pageSize(Integer maxResults) {
        int limit = maxResults == null || maxResults == 0 ? 100 : maxResults;
        if (limit < 1 || limit > 1000) {
            throw MlforgeException.invalidParameter("max_results must be between 1 and 1000.");
        }
        return limit;
    }

    static <T> ResultPage<T> page(List<T> rows, int offset, int limit) {
        return rows.size() > limit ? new ResultPage<>(rows.subList(0, limit), PageToken.encode(offset + limit))
                : new ResultPage<>(rows, null);
    }

    /** Replaces each field given (null or empty: kept), as MLflow's update does; events replace the whole set. */
    WebhookEntity update(String id, String name, String description, String url, List<EventType> events, String secret,
            WebhookStatus status) {
        WebhookEntity current = get(id);
        String newName = isEmpty(name) ? current.name() : WebhookValidation.name(name);
        String newUrl = isEmpty(url) ? current.url() : urls.validate(url);
        List<EventType> newEvents = events.isEmpty() ? current.events() : events;
        WebhookEntity updated = new WebhookEntity(id, newName, isEmpty(description) ? current.description() : description,
                newUrl, newEvents, status == null ? current.status() : status, isEmpty(secret) ? current.secret() : secret,
                current.creationTimestamp(), clock.millis());
        store.update(updated);
        return updated;
    }

    void delete(String id) {
        get(id);
        store.markDeleted(id, clock.millis());
    }

    /**
     * Sends MLflow's example payload of {@code event} (null: the webhook's first event) to the webhook, whatever its
     * status, with the retries of a real delivery, and answers what the last try got.
     */
    WebhookSender.Outcome test(String id, EventType event) {
        WebhookEntity webhook = get(id);
        EventType type = event == null ? webhook.events().get(0) : event;
        return sender.deliver(webhook, Payloads.example(type), true).join();
    }

    /** A page of the delivery log of a webhook (deleted ones too), newest first. */
    ResultPage<DeliveryAttempt> deliveries(String id, Integer maxResults, String pageToken) {
        if (!store.known(id)) {
            throw MlforgeException.notFound("Webhook with ID " + id + " not found.");
        }
        int limit = pageSize(maxResults);
        int offset = PageToken.decode(pageToken);
        return page(store.attempts(id, offset, limit + 1), offset, limit);
    }

    private static boolean isEmpty(String value) {
        return value == null || value.isEmpty();
    }

    private static String emptyToNull(String value) {
        return isEmpty(value) ? null : value;
    }
}
