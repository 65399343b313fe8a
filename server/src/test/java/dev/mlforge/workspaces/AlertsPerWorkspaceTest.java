package dev.mlforge.workspaces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.events.AlertChanged;
import dev.mlforge.monitoring.testing.LoggedPredictions;
import dev.mlforge.monitoring.testing.SyntheticData;
import dev.mlforge.store.WorkspaceContext;
import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.TestHttp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An alert rule belongs to the workspace it was created in: a monitor run of {@code team-b} evaluates only
 * {@code team-b}'s rules, so neither a rule of {@code default} without a deployment nor one naming the same deployment
 * fires on it, and the alert {@code team-b}'s rule raises is listed in {@code team-b} and not in {@code default}.
 */
class AlertsPerWorkspaceTest {
    @RegisterExtension
    final ApplicationExtension server = ApplicationExtension.sqlite();
    final LoggedPredictions predictions = new LoggedPredictions(server);


    private String rule(String workspace, String name, String deployment) {
        Map<String, Object> rule = new java.util.LinkedHashMap<>(Map.of("name", name, "metric", "column_drift:x",
                "comparator", ">=", "threshold", 1));
        if (deployment != null) {
            rule.put("deployment", deployment);
        }
        return server.http().in(workspace, "POST", "/api/v1/alert-rules", rule).json(200).at("/alert_rule/id").asText();
    }

    private List<String> alertRules(String workspace) {
        List<String> rules = new ArrayList<>();
        server.http().in(workspace, "GET", "/api/v1/alerts", null).json(200).path("alerts")
                .forEach(alert -> rules.add(alert.path("rule_name").asText()));
        return rules;
    }

    /** A monitor of team-b on deployment {@code b-churn}, whose logged predictions drifted from its reference. */
    private String driftingMonitorOfTeamB() {
        server.http().send("POST", "/api/v1/datasets?name=b-ref", "text/csv", SyntheticData.referenceCsv(300, 11),
                WorkspaceContext.HEADER, "team-b").ok();
        String monitor = server.http().in("team-b", "POST", "/api/v1/monitors", Map.of("deployment", "b-churn",
                "reference", Map.of("dataset", "b-ref", "dataset_version", 1), "window", Map.of("span_seconds", 3600)))
                .json(200).at("/monitor/id").asText();
        SyntheticData.addPredictions(predictions, "b-churn", "1", 150, 2.0, 12);
        return monitor;
    }

    @Test
    void a_monitor_run_fires_only_the_rules_of_its_workspace_and_the_alert_stays_there() {
        server.http().post("/api/3.0/mlflow/workspaces", Map.of("name", "team-b")).json(201);
        rule(WorkspaceContext.DEFAULT, "a-any", null);
        rule(WorkspaceContext.DEFAULT, "a-same-name", "b-churn");
        String bRule = rule("team-b", "b-any", null);
        String monitor = driftingMonitorOfTeamB();

        JsonNode result = server.http().in("team-b", "POST", "/api/v1/monitors/" + monitor + "/run", "").json(200);
        assertThat(result.at("/result/drift/dataset_drift").asBoolean()).as(result.toString()).isTrue();

        assertThat(alertRules(WorkspaceContext.DEFAULT)).isEmpty();
        assertThat(alertRules("team-b")).containsExactly("b-any");
        String alert = server.http().in("team-b", "GET", "/api/v1/alerts", null).json(200).at("/alerts/0/id").asText();
        assertThat(server.http().in("team-b", "GET", "/api/v1/alerts/" + alert, null).json(200).at("/alert/rule_id").asText())
                .isEqualTo(bRule);
        assertThat(server.http().in(WorkspaceContext.DEFAULT, "GET", "/api/v1/alerts/" + alert, null).status()).isEqualTo(404);
    }

    @Test
    void a_scheduled_run_without_a_request_evaluates_and_announces_in_its_monitors_workspace() throws Exception {
        server.http().post("/api/3.0/mlflow/workspaces", Map.of("name", "team-b")).json(201);
        rule(WorkspaceContext.DEFAULT, "a-any", null);
        rule("team-b", "b-any", null);
        String monitor = driftingMonitorOfTeamB();

        // the alert is announced on the event bus in its rule's workspace (a webhook of team-b's would get it)
        List<String> announced = new CopyOnWriteArrayList<>();
        try (AutoCloseable subscription = server.application().events().subscribe(AlertChanged.class, changed ->
                announced.add(changed.rule() + " in " + server.application().database().workspace().current()))) {
            // as the monitor scheduler's thread runs it: no request, no workspace bound
            server.application().monitoring().monitors().run(monitor);
            await().atMost(Duration.ofSeconds(30)).until(() -> !announced.isEmpty());
        }

        assertThat(announced).containsExactly("b-any in team-b");
        assertThat(alertRules(WorkspaceContext.DEFAULT)).isEmpty();
        assertThat(alertRules("team-b")).containsExactly("b-any");
    }

    @Test
    void a_monitor_does_not_read_the_log_of_a_same_name_deployment_that_now_lives_in_another_workspace() {
        server.http().post("/api/3.0/mlflow/workspaces", Map.of("name", "team-b")).json(201);
        String monitor = driftingMonitorOfTeamB(); // no deployment has the name b-churn: its logged predictions are read
        server.http().in("team-b", "POST", "/api/v1/monitors/" + monitor + "/run", "").json(200);
        // b-churn created in default (deleted from team-b before), as another server sharing the store would write it
        server.application().database().write(handle -> handle.createUpdate("""
                INSERT INTO serving_deployments (name, policy, created_at, updated_at, workspace)
                VALUES ('b-churn', '{}', 0, 0, 'default')""").execute());

        TestHttp.Response refused = server.http().in("team-b", "POST", "/api/v1/monitors/" + monitor + "/run", "");

        assertThat(refused.status()).isEqualTo(404);
        assertThat(refused.json(404).path("message").asText())
                .isEqualTo("Monitor " + monitor + ": deployment 'b-churn' does not exist in workspace 'team-b'");
        assertThat(server.http().in("team-b", "GET", "/api/v1/monitors/" + monitor + "/results", null).json(200).path("results"))
                .hasSize(1);
    }
}
