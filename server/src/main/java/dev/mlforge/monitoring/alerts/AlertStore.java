package dev.mlforge.monitoring.alerts;

import java.util.List;
import java.util.Optional;

/** Persistence of alert rules, breach streaks, alerts and notification deliveries. */
interface AlertStore {
    void insertRule(AlertRule rule);

    Optional<AlertRule> rule(String id);

    List<AlertRule> rules();

    boolean deleteRule(String id);

    /** How many windows in a row breached the rule for the deployment (0 when none). */
    int streak(String ruleId, String deployment);

    void saveStreak(String ruleId, String deployment, int breaches);

    Optional<Alert> firingAlert(String ruleId, String deployment);

    void insertAlert(Alert alert);

    void resolveAlert(Alert resolved);

    Optional<Alert> alert(String id);

    /** Newest first; {@code state} null for all states. */
    List<Alert> alerts(AlertState state, int limit);

    Delivery insertDelivery(Delivery delivery);

    /** In the order they were made. */
    List<Delivery> deliveries(String alertId);
}
