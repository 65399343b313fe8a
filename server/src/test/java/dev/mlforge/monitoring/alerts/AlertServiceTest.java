package dev.mlforge.monitoring.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlforge.http.MlforgeException;
import dev.mlforge.store.Database;
import dev.mlforge.store.WorkspaceContext;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlertServiceTest {
    @TempDir
    Path dir;
    Database database;
    JdbiAlertStore store;
    AlertService alerts;

    @BeforeEach
    void open() {
        database = Database.open(null, dir);
        store = new JdbiAlertStore(database);
        alerts = new AlertService(store, List.of(new LogNotifier(store, Clock.systemUTC())), Clock.systemUTC());
    }

    @AfterEach
    void close() {
        database.close();
    }

    private StoredAlertRule rule(String metric, String comparator, double threshold, int forWindows, String deployment) {
        return alerts.createRule(new AlertRuleRequest(null, metric, comparator, threshold, forWindows, deployment, null));
    }

    @Test
    void fires_only_after_the_required_consecutive_breaching_windows() {
        StoredAlertRule rule = rule("drift_share", ">=", 0.5, 3, null);

        assertThat(alerts.observe(WorkspaceContext.DEFAULT, "iris", Map.of("drift_share", 0.6))).isEmpty();
        assertThat(alerts.observe(WorkspaceContext.DEFAULT, "iris", Map.of("drift_share", 0.1))).isEmpty();
        assertThat(alerts.observe(WorkspaceContext.DEFAULT, "iris", Map.of("drift_share", 0.7))).isEmpty();
        assertThat(alerts.observe(WorkspaceContext.DEFAULT, "iris", Map.of("drift_share", 0.8))).isEmpty();
        List<Alert> fired = alerts.observe(WorkspaceContext.DEFAULT, "iris", Map.of("drift_share", 0.9));

        assertThat(fired).singleElement().satisfies(alert -> {
            assertThat(alert.state()).isEqualTo(Alert.State.FIRING);
            assertThat(alert.ruleId()).isEqualTo(rule.id());
            assertThat(alert.value()).isEqualTo(0.9);
        });
    }

    @Test
    void a_firing_alert_notifies_once_until_it_resolves() {
        rule("accuracy", "<", 0.9, 1, "iris");

        Alert fired = alerts.observe(WorkspaceContext.DEFAULT, "iris", Map.of("accuracy", 0.7)).get(0);
        assertThat(alerts.observe(WorkspaceContext.DEFAULT, "iris", Map.of("accuracy", 0.6))).isEmpty();
        assertThat(alerts.observe(WorkspaceContext.DEFAULT, "iris", Map.of("accuracy", 0.5))).isEmpty();
        Alert resolved = alerts.observe(WorkspaceContext.DEFAULT, "iris", Map.of("accuracy", 0.95)).get(0);

        assertThat(resolved.id()).isEqualTo(fired.id());
        assertThat(resolved.state()).isEqualTo(Alert.State.RESOLVED);
        assertThat(resolved.resolvedAt()).isNotNull();
        assertThat(alerts.deliveries(fired.id())).extracting(Delivery::event).containsExactly("firing", "resolved");
        assertThat(alerts.alerts(Alert.State.FIRING)).isEmpty();
        assertThat(alerts.alerts(null)).hasSize(1);
    }

    @Test
    void fires_again_as_a_new_alert_after_resolving() {
        rule("column_drift:x", ">=", 1, 1, null);

        Alert first = alerts.observe(WorkspaceContext.DEFAULT, "iris", Map.of("column_drift:x", 1.0)).get(0);
        alerts.observe(WorkspaceContext.DEFAULT, "iris", Map.of("column_drift:x", 0.0));
        Alert second = alerts.observe(WorkspaceContext.DEFAULT, "iris", Map.of("column_drift:x", 1.0)).get(0);

        assertThat(second.id()).isNotEqualTo(first.id());
        assertThat(alerts.alerts(null)).extracting(Alert::state).containsExactlyInAnyOrder(Alert.State.RESOLVED, Alert.State.FIRING);
    }

    @Test
    void accepts_comparator_names_as_well_as_symbols() {
        assertThat(rule("rmse", "gt", 1, 1, null).comparator()).isEqualTo(Comparator.GREATER_THAN);
        assertThat(rule("rmse", "LESS_OR_EQUAL", 1, 1, null).comparator()).isEqualTo(Comparator.LESS_OR_EQUAL);
    }

    @Test
    void a_pending_streak_survives_a_window_without_the_value() {
        rule("accuracy", "<", 0.9, 2, null);

        alerts.observe(WorkspaceContext.DEFAULT, "iris", Map.of("accuracy", 0.5));
        alerts.observe(WorkspaceContext.DEFAULT, "iris", Map.of("drift_share", 0.1));

        assertThat(alerts.observe(WorkspaceContext.DEFAULT, "iris", Map.of("accuracy", 0.5))).hasSize(1);
    }

    @Test
    void keeps_separate_streaks_and_alerts_per_deployment() {
        rule("drift_share", ">", 0.5, 2, null);

        alerts.observe(WorkspaceContext.DEFAULT, "a", Map.of("drift_share", 1.0));
        alerts.observe(WorkspaceContext.DEFAULT, "b", Map.of("drift_share", 1.0));
        alerts.observe(WorkspaceContext.DEFAULT, "b", Map.of("drift_share", 0.0));
        List<Alert> fired = alerts.observe(WorkspaceContext.DEFAULT, "a", Map.of("drift_share", 1.0));

        assertThat(fired).extracting(Alert::deployment).containsExactly("a");
    }

    @Test
    void ignores_other_deployments_and_absent_values() {
        rule("rmse", ">", 1.0, 1, "house-prices");

        assertThat(alerts.observe(WorkspaceContext.DEFAULT, "iris", Map.of("rmse", 5.0))).isEmpty();
        assertThat(alerts.observe(WorkspaceContext.DEFAULT, "house-prices", Map.of("drift_share", 1.0))).isEmpty();
        assertThat(alerts.observe(WorkspaceContext.DEFAULT, "house-prices", Map.of("rmse", 5.0))).hasSize(1);
    }

    @Test
    void rejects_invalid_rules_naming_the_field() {
        assertThatThrownBy(() -> rule("latency", ">", 1, 1, null)).isInstanceOf(MlforgeException.class)
                .hasMessageContaining("'latency' is not a monitored value");
        assertThatThrownBy(() -> rule("accuracy", "==", 1, 1, null)).hasMessageContaining("comparator");
        assertThatThrownBy(() -> rule("accuracy", "<", 1, 0, null)).hasMessageContaining("for_windows");
        assertThatThrownBy(() -> alerts.createRule(new AlertRuleRequest(null, "accuracy", "<", null, 1, null, null)))
                .hasMessageContaining("threshold");
        assertThatThrownBy(() -> alerts.createRule(new AlertRuleRequest(null, "accuracy", "<", 0.5, 1, null, "ftp://x")))
                .hasMessageContaining("webhook_url");
    }

    @Test
    void deleting_a_rule_removes_its_alerts() {
        StoredAlertRule rule = rule("f1", "<", 0.5, 1, null);
        Alert alert = alerts.observe(WorkspaceContext.DEFAULT, "iris", Map.of("f1", 0.1)).get(0);

        alerts.deleteRule(rule.id());

        assertThatThrownBy(() -> alerts.alert(alert.id())).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> alerts.deleteRule(rule.id())).hasMessageContaining("does not exist");
    }
}
