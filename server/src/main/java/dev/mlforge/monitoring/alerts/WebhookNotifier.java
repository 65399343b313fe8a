package dev.mlforge.monitoring.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.mlforge.http.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs a notification as JSON to its rule's webhook, retrying failures (connection errors and non-2xx answers)
 * with exponential backoff; every attempt goes to the delivery log. Calls are asynchronous: a slow receiver never
 * holds up a monitor run. Before each attempt the host is resolved and checked by {@link WebhookTargets}; a refused
 * attempt is logged as a failed delivery with its reason.
 */
final class WebhookNotifier implements AlertNotifier {
    private static final Logger log = LoggerFactory.getLogger(WebhookNotifier.class);

    private final java.util.function.Supplier<HttpClient> client;
    private final ScheduledExecutorService retries;
    private final AlertStore store;
    private final WebhookSettings settings;
    private final WebhookTargets targets;
    private final Clock clock;

    WebhookNotifier(java.util.function.Supplier<HttpClient> client, ScheduledExecutorService retries, AlertStore store, WebhookSettings settings,
            Clock clock) {
        this(client, retries, store, settings, new WebhookTargets(settings.allowedHosts(), HostResolver.SYSTEM), clock);
    }

    WebhookNotifier(java.util.function.Supplier<HttpClient> client, ScheduledExecutorService retries, AlertStore store, WebhookSettings settings,
            WebhookTargets targets, Clock clock) {
        this.targets = targets;
        this.client = client;
        this.retries = retries;
        this.store = store;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public void send(Notification notification) {
        if (notification.rule().webhookUrl() != null) {
            attempt(notification, body(notification), 1);
        }
    }

    private static String body(Notification notification) {
        try {
            return Json.mapper().writeValueAsString(AlertWire.payload(notification));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the webhook payload of alert " + notification.alert().id(), e);
        }
    }

    private void attempt(Notification notification, String body, int attempt) {
        URI target = URI.create(notification.rule().webhookUrl());
        Optional<String> refusal = targets.refusalBeforeDelivery(target);
        if (refusal.isPresent()) {
            // Not retried: the address was checked now, and the rule was valid when created, so its host moved.
            record(notification, attempt, false, null, "refused: " + refusal.get());
            log.warn("Webhook for alert {} refused: {}", notification.alert().id(), refusal.get());
            return;
        }
        HttpRequest request = HttpRequest.newBuilder(target)
                .timeout(settings.timeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "mlforge-alerts")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        client.get().sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
            boolean success = failure == null && response.statusCode() / 100 == 2;
            Integer status = response == null ? null : response.statusCode();
            String error = success ? null : failure != null ? describe(failure) : "HTTP " + status;
            record(notification, attempt, success, status, error);
            if (!success && attempt < settings.maxAttempts()) {
                scheduleRetry(notification, body, attempt + 1);
            } else if (!success) {
                log.warn("Webhook for alert {} gave up after {} attempts: {}", notification.alert().id(), attempt, error);
            }
        });
    }

    private void scheduleRetry(Notification notification, String body, int nextAttempt) {
        long delayMillis = settings.backoffAfter(nextAttempt - 1).toMillis();
        try {
            retries.schedule(() -> attempt(notification, body, nextAttempt), delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            log.warn("Webhook retry {} for alert {} dropped: shutting down", nextAttempt, notification.alert().id());
        }
    }

    private void record(Notification notification, int attempt, boolean success, Integer status, String error) {
        try {
            store.insertDelivery(new Delivery(0, notification.alert().id(), "webhook", notification.event(), attempt,
                    success, status, error, clock.instant()));
        } catch (RuntimeException e) {
            log.error("Cannot record webhook delivery of alert {}", notification.alert().id(), e);
        }
    }

    private static String describe(Throwable failure) {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }
}
