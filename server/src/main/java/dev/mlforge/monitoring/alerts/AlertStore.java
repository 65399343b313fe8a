package dev.mlforge.monitoring.alerts;

import java.util.List;
import java.util.Optional;

/** Persistence of alert rules, their evaluation states, alerts and notification deliveries. */
interface AlertStore {
    void insertRule(StoredAlertRule rule);

    Optional<StoredAlertRule> rule(String id);

    List<StoredAlertRule> rules();

    /** The rules created in {@code workspace}: the ones a monitor of that workspace evaluates. */
    List<StoredAlertRule> rulesIn(String workspace);

    boolean deleteRule(String id);

    /** Where the rule stands for the deployment ({@link AlertState#INITIAL} before any window). */
    AlertState state(String ruleId, String deployment);

    void saveState(String ruleId, String deployment, AlertState state);

    Optional<Alert> firingAlert(String ruleId, String deployment);

    void insertAlert(Alert alert);

    void resolveAlert(Alert resolved);

    Optional<Alert> alert(String id);

    /** Newest first; {@code state} null for all states. */
    List<Alert> alerts(Alert.State state, int limit);

    Delivery insertDelivery(Delivery delivery);

    /** In the order they were made. */
    List<Delivery> deliveries(String alertId);
}
