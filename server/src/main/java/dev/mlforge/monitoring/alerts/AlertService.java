package dev.mlforge.monitoring.alerts;

import dev.mlforge.events.EventBus;
import dev.mlforge.http.MlforgeException;
import dev.mlforge.store.Database;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alert rules over monitored values, and their evaluation after each monitor run with {@link AlertEvaluator}: a rule
 * fires once after {@code for_windows} breaching runs in a row, stays firing (without notifying again) while it
 * holds, and resolves on the first run where it does not. Each transition is stored as an {@link Alert} and sent to
 * every notifier.
 */
public final class AlertService {
    private static final Logger log = LoggerFactory.getLogger(AlertService.class);
    private static final int MAX_LIST = 1000;

    private final AlertStore store;
    private final List<AlertNotifier> notifiers;
    private final WebhookTargets webhookTargets;
    private final Clock clock;

    /** Rules whose webhooks must be public addresses. */
    AlertService(AlertStore store, List<AlertNotifier> notifiers, Clock clock) {
        this(store, notifiers, new WebhookTargets(java.util.Set.of(), HostResolver.SYSTEM), clock);
    }

    AlertService(AlertStore store, List<AlertNotifier> notifiers, WebhookTargets webhookTargets, Clock clock) {
        this.webhookTargets = webhookTargets;
        this.store = store;
        this.notifiers = List.copyOf(notifiers);
        this.clock = clock;
    }

    /**
     * Alerts over the V4 tables of {@code database}, notified by log, on the event bus ({@link dev.mlforge.events.AlertChanged}) and by
     * webhook (retried on {@code retries}).
     */
    public static AlertService create(Database database, java.util.function.Supplier<HttpClient> webhookClient, ScheduledExecutorService retries,
            WebhookSettings webhooks, EventBus events, Clock clock) {
        JdbiAlertStore store = new JdbiAlertStore(database);
        WebhookTargets targets = new WebhookTargets(webhooks.allowedHosts(), HostResolver.SYSTEM);
        return new AlertService(store, List.of(new LogNotifier(store, clock), new EventNotifier(events),
                new WebhookNotifier(webhookClient, retries, store, webhooks, targets, clock)), targets, clock);
    }

    public StoredAlertRule createRule(AlertRuleRequest request) {
        if (request == null) {
            throw MlforgeException.invalidParameter("An alert rule needs 'metric', 'comparator' and 'threshold'");
        }
        String metric = required(request.metric(), "metric");
        if (!MonitoredValues.isKnown(metric)) {
            throw MlforgeException.invalidParameter("Alert rule metric '" + metric + "' is not a monitored value; expected one of "
                    + new java.util.TreeSet<>(MonitoredValues.FIXED) + ", column_drift:<column> or column_drift_score:<column>");
        }
        Comparator comparator = comparator(required(request.comparator(), "comparator"));
        if (request.threshold() == null) {
            throw MlforgeException.invalidParameter("Missing value for required parameter 'threshold'");
        }
        if (!Double.isFinite(request.threshold())) {
            throw MlforgeException.invalidParameter("Alert rule field 'threshold' must be a finite number");
        }
        int forWindows = request.forWindows() == null ? 1 : request.forWindows();
        if (forWindows < 1 || forWindows > 1000) {
            throw MlforgeException.invalidParameter("Alert rule field 'for_windows' must be from 1 to 1000, got " + forWindows);
        }
        String webhook = request.webhookUrl() == null || request.webhookUrl().isBlank() ? null : webhookTargets.validate(request.webhookUrl());
        String name = request.name() == null || request.name().isBlank() ? metric + " " + comparator.symbol() + " "
                + request.threshold() : request.name().strip();
        StoredAlertRule rule = new StoredAlertRule(UUID.randomUUID().toString().replace("-", ""), name, metric, comparator,
                request.threshold(), forWindows, blankToNull(request.deployment()), webhook, clock.instant());
        store.insertRule(rule);
        return rule;
    }

    public List<StoredAlertRule> rules() {
        return store.rules();
    }

    public StoredAlertRule rule(String id) {
        return store.rule(id).orElseThrow(() -> MlforgeException.notFound("Alert rule '" + id + "' does not exist"));
    }

    public void deleteRule(String id) {
        if (!store.deleteRule(id)) {
            throw MlforgeException.notFound("Alert rule '" + id + "' does not exist");
        }
    }

    /** Newest first; {@code state} null for all. */
    public List<Alert> alerts(Alert.State state) {
        return store.alerts(state, MAX_LIST);
    }

    public Alert alert(String id) {
        return store.alert(id).orElseThrow(() -> MlforgeException.notFound("Alert '" + id + "' does not exist"));
    }

    public List<Delivery> deliveries(String alertId) {
        alert(alertId);
        return store.deliveries(alertId);
    }

    /**
     * Evaluates every rule of {@code deployment} against the values of one monitor run of {@code workspace}: only the
     * rules created in that workspace, so that a rule (with or without a deployment) never fires on another
     * workspace's monitors, and its alert lives in the rule's workspace. A rule whose metric is absent from
     * {@code values} keeps its state. Returns the alerts that fired or resolved.
     */
    public synchronized List<Alert> observe(String workspace, String deployment, Map<String, Double> values) {
        Instant now = clock.instant();
        List<Notification> transitions = new ArrayList<>();
        for (StoredAlertRule rule : store.rulesIn(workspace)) {
            Double value = values.get(rule.metric());
            if (!rule.appliesTo(deployment) || value == null || value.isNaN()) {
                continue;
            }
            evaluate(rule, deployment, value, now).ifPresent(transitions::add);
        }
        transitions.forEach(this::notifyAll);
        return transitions.stream().map(Notification::alert).toList();
    }

    /** One window of one rule; the window index passed to the evaluator is the run's time in epoch milliseconds. */
    private Optional<Notification> evaluate(StoredAlertRule rule, String deployment, double value, Instant now) {
        AlertEvaluator.Evaluation evaluation = AlertEvaluator.evaluate(rule.evaluated(),
                store.state(rule.id(), deployment), value, now.toEpochMilli());
        store.saveState(rule.id(), deployment, evaluation.state());
        if (evaluation.event().isEmpty()) {
            return Optional.empty();
        }
        Optional<Alert> firing = store.firingAlert(rule.id(), deployment);
        if (evaluation.event().get().kind() == AlertEvent.Kind.FIRED && firing.isEmpty()) {
            Alert alert = new Alert(UUID.randomUUID().toString().replace("-", ""), rule.id(), rule.name(), deployment,
                    rule.metric(), Alert.State.FIRING, value, rule.threshold(), now, null);
            store.insertAlert(alert);
            return Optional.of(new Notification(alert, rule));
        }
        if (evaluation.event().get().kind() == AlertEvent.Kind.RESOLVED && firing.isPresent()) {
            Alert resolved = firing.get().resolved(value, now);
            store.resolveAlert(resolved);
            return Optional.of(new Notification(resolved, rule));
        }
        return Optional.empty();
    }

    /** {@code >}, {@code >=}, {@code <}, {@code <=}, or their names ({@code gt}, {@code less_than}, ...). */
    private static Comparator comparator(String text) {
        Optional<Comparator> bySymbol = Comparator.bySymbol(text);
        if (bySymbol.isPresent()) {
            return bySymbol.get();
        }
        String name = switch (text.toLowerCase(java.util.Locale.ROOT)) {
            case "gt" -> "GREATER_THAN";
            case "ge", "gte" -> "GREATER_OR_EQUAL";
            case "lt" -> "LESS_THAN";
            case "le", "lte" -> "LESS_OR_EQUAL";
            default -> text.toUpperCase(java.util.Locale.ROOT);
        };
        for (Comparator comparator : Comparator.values()) {
            if (comparator.name().equals(name)) {
                return comparator;
            }
        }
        throw MlforgeException.invalidParameter("Alert rule comparator '" + text
                + "' is not one of >, >=, <, <= (or gt, ge, lt, le)");
    }

    private void notifyAll(Notification notification) {
        for (AlertNotifier notifier : notifiers) {
            try {
                notifier.send(notification);
            } catch (RuntimeException e) {
                log.error("Notifier {} failed for alert {}", notifier.getClass().getSimpleName(), notification.alert().id(), e);
            }
        }
    }

    private static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw MlforgeException.invalidParameter("Missing value for required parameter '" + field + "'");
        }
        return value.strip();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
