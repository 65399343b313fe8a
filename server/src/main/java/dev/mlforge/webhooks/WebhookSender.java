package dev.mlforge.webhooks;

import dev.mlforge.concurrent.DaemonThreads;
import dev.mlforge.http.PythonJson;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs a notice to a webhook as MLflow's delivery does (mlflow/webhooks/delivery.py): the body
 * {@code {"entity", "action", "timestamp", "data"}} written as Python writes it, the headers
 * {@code X-MLflow-Delivery-Id}, {@code X-MLflow-Timestamp} and, with a secret, {@code X-MLflow-Signature}; retries
 * resend the same request (same id, timestamp and signature, as urllib3's retries do) after a connection error, a
 * timeout, a 429 or a 5xx, with exponential backoff. Calls are asynchronous, redirects are not followed, and every
 * try goes to the delivery log. Before each try the URL's host is checked by {@link WebhookTargets}.
 */
final class WebhookSender implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);
    /** The most of a receiver's answer kept for a test result. */
    private static final int MAX_BODY = 64 * 1024;
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

    /** What the last try of a delivery got: an answer (status and, for tests, body), or the error that stopped it. */
    record Outcome(Integer status, String body, String error) {
        boolean answered() {
            return status != null;
        }
    }

    private final WebhookStore store;
    private final WebhooksConfig config;
    private final WebhookTargets targets;
    private final Clock clock;
    /** How often, at most, the delivery log is pruned to its retention. */
    static final Duration PRUNE_INTERVAL = Duration.ofHours(1);

    /** The calls and their callbacks, on {@code webhooks.sender-threads} threads: a burst of events queues, not threads. */
    private final ExecutorService io;
    private final ScheduledExecutorService retries =
            Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("mlforge-webhook-retries"));
    private final HttpClient client;
    private final AtomicLong nextPrune = new AtomicLong(Long.MIN_VALUE);

    WebhookSender(WebhookStore store, WebhooksConfig config, WebhookTargets targets, Clock clock) {
        this.store = store;
        this.config = config;
        this.targets = targets;
        this.clock = clock;
        this.io = Executors.newFixedThreadPool(config.senderThreads(), DaemonThreads.named("mlforge-webhooks"));
        this.client = HttpClient.newBuilder().executor(io).connectTimeout(config.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Delivers {@code notice} to {@code webhook}; the future completes with the last try's outcome, never exceptionally. */
    CompletableFuture<Outcome> deliver(WebhookEntity webhook, Notice notice, boolean test) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("entity", notice.type().entity().value());
        payload.put("action", notice.type().action().value());
        Instant now = clock.instant();
        payload.put("timestamp", isoformat(now));
        payload.put("data", notice.data());
        String body = PythonJson.write(payload);
        String deliveryId = UUID.randomUUID().toString();
        String timestamp = String.valueOf(now.getEpochSecond());
        HttpRequest.Builder request = HttpRequest.newBuilder().timeout(config.timeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "mlforge-webhooks")
                .header("X-MLflow-Delivery-Id", deliveryId)
                .header("X-MLflow-Timestamp", timestamp)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (webhook.secret() != null) {
            request.header("X-MLflow-Signature", Signatures.sign(webhook.secret(), deliveryId, timestamp, body));
        }
        Delivery delivery = new Delivery(webhook, notice.type(), deliveryId, request, test, new CompletableFuture<>());
        onWorker(delivery, 1); // the address check resolves the host: never on the caller's (the event bus's) thread
        return delivery.outcome();
    }

    private record Delivery(WebhookEntity webhook, EventType type, String id, HttpRequest.Builder request, boolean test,
            CompletableFuture<Outcome> outcome) {}

    private void attempt(Delivery delivery, int attempt) {
        URI target;
        try {
            target = WebhookUrls.parse(delivery.webhook().url());
        } catch (RuntimeException invalid) {
            finish(delivery, attempt, new Outcome(null, null, "invalid URL"));
            return;
        }
        var refusal = targets.refusalBeforeDelivery(target);
        if (refusal.isPresent()) {
            // Not retried: the host was checked now, and the webhook was valid when saved, so its address moved.
            finish(delivery, attempt, new Outcome(null, null, "refused: " + refusal.get()));
            return;
        }
        HttpRequest request = delivery.request().copy().uri(target).build();
        client.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream())
                .thenApply(response -> new Outcome(response.statusCode(), delivery.test() ? read(response.body()) : drain(response.body()),
                        null))
                .exceptionally(failure -> new Outcome(null, null, describe(failure)))
                .thenAccept(outcome -> {
                    if (retryable(outcome) && attempt < config.maxAttempts()) {
                        record(delivery, attempt, outcome);
                        scheduleRetry(delivery, attempt);
                    } else {
                        finish(delivery, attempt, outcome);
                    }
                });
    }

    private void onWorker(Delivery delivery, int attempt) {
        try {
            io.execute(() -> attempt(delivery, attempt));
        } catch (RejectedExecutionException shuttingDown) {
            finish(delivery, attempt, new Outcome(null, null, "shutting down before attempt " + attempt));
        }
    }

    private static boolean retryable(Outcome outcome) {
        return !outcome.answered() || outcome.status() == 429 || outcome.status() >= 500;
    }

    private void scheduleRetry(Delivery delivery, int attempt) {
        Duration wait = config.backoffAfter(attempt);
        try {
            retries.schedule(() -> onWorker(delivery, attempt + 1), wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            finish(delivery, attempt, new Outcome(null, null, "shutting down before retry " + (attempt + 1)));
        }
    }

    private void finish(Delivery delivery, int attempt, Outcome outcome) {
        record(delivery, attempt, outcome);
        if (!success(outcome) && !delivery.test()) {
            log.warn("Webhook {} gave up on {} after {} attempt(s): {}", delivery.webhook().id(), delivery.type(), attempt,
                    outcome.answered() ? "HTTP " + outcome.status() : outcome.error());
        }
        delivery.outcome().complete(outcome);
    }

    private static boolean success(Outcome outcome) {
        return outcome.answered() && outcome.status() / 100 == 2;
    }

    private void record(Delivery delivery, int attempt, Outcome outcome) {
        String error = success(outcome) ? null : outcome.answered() ? "HTTP " + outcome.status() : outcome.error();
        try {
            store.insertAttempt(new DeliveryAttempt(delivery.id(), attempt, delivery.webhook().id(), delivery.type(),
                    clock.millis(), success(outcome), outcome.status(), error, delivery.test()));
        } catch (RuntimeException e) {
            log.error("Cannot record delivery {} of webhook {}", delivery.id(), delivery.webhook().id(), e);
        }
        pruneIfDue();
    }

    /** At most once per {@link #PRUNE_INTERVAL}, deletes the attempts older than the retention (none when it is 0). */
    private void pruneIfDue() {
        long now = clock.millis();
        long due = nextPrune.get();
        if (config.deliveryRetention().isZero() || now < due || !nextPrune.compareAndSet(due, now + PRUNE_INTERVAL.toMillis())) {
            return;
        }
        try {
            int pruned = store.deleteAttemptsBefore(now - config.deliveryRetention().toMillis());
            if (pruned > 0) {
                log.info("Pruned {} webhook delivery attempt(s) older than {}", pruned, config.deliveryRetention());
            }
        } catch (RuntimeException e) {
            log.error("Cannot prune the webhook delivery log", e);
        }
    }

    /** Python's {@code datetime.isoformat()} of a UTC time: microseconds unless zero, and {@code +00:00}. */
    static String isoformat(Instant time) {
        Instant micros = time.truncatedTo(ChronoUnit.MICROS);
        int fraction = micros.getNano() / 1000;
        return SECONDS.format(micros) + (fraction == 0 ? "" : String.format(".%06d", fraction)) + "+00:00";
    }

    private static String read(InputStream body) {
        try (body) {
            return new String(body.readNBytes(MAX_BODY), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }

    private static String drain(InputStream body) {
        try (body) {
            body.skip(MAX_BODY);
        } catch (IOException ignored) {
            // the status is what counts
        }
        return null;
    }

    private static String describe(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }

    @Override
    public void close() {
        retries.shutdownNow();
        io.shutdownNow();
    }
}
