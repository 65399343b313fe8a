package dev.mlforge.workspaces;

import dev.mlforge.store.WorkspaceContext;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.TestHttp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The platform's resources in two workspaces over real HTTP with basic authentication: pipeline runs, schedules and
 * drift triggers, feature-store definitions and online reads, alert rules, webhooks and the lineage graph of one
 * workspace are not found (404) from the other, are left out of its lists, and a user who is not a member of a
 * workspace is refused (403) there.
 */
class WorkspacePlatformResourcesTest {
    private static final String ADMIN = "admin";
    private static final String ADMIN_PASSWORD = "admin-password-1";
    private static final String PIPELINE = "name: scoped\nsteps:\n"
            + "  - {name: write, uses: dev.mlforge.pipelines.TestSteps$Write, cache: false, with: {text: hi}}\n";

    @RegisterExtension
    static final ApplicationExtension server = ApplicationExtension.sqlite().withBasicAuth(ADMIN, ADMIN_PASSWORD)
            .withConfig("webhooks.allowed-hosts", "hooks.example.com");

    /** A user (with the password {@code <user>-password}, the admin's aside) acting in a workspace. */
    private record Caller(String user, String workspace) {
        TestHttp.Response send(String method, String path, Object body) {
            String password = user.equals(ADMIN) ? ADMIN_PASSWORD : user + "-password";
            String basic = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
            return server.http().send(method, path, body == null ? null : "application/json", body,
                    WorkspaceContext.HEADER, workspace, "Authorization", basic);
        }

        Caller in(String other) {
            return new Caller(user, other);
        }

        int status(String method, String path, Object body) {
            return send(method, path, body).status();
        }

        List<String> list(String path, String field, String key) {
            List<String> values = new ArrayList<>();
            send("GET", path, null).json(200).path(field).forEach(item -> values.add(item.path(key).asText()));
            return values;
        }
    }

    private static final Caller ADMIN_A = new Caller(ADMIN, "team-a");
    private static final Caller ADMIN_B = new Caller(ADMIN, "team-b");
    private static final Caller ALICE = new Caller("alice", "team-a");
    private static final Caller BOB = new Caller("bob", "team-b");

    @BeforeAll
    static void two_workspaces() throws Exception {
        for (String user : List.of("alice", "bob")) {
            server.http().post("/api/2.0/mlflow/users/create", Map.of("username", user, "password", user + "-password")).ok();
        }
        for (String workspace : List.of("team-a", "team-b")) {
            assertThat(ADMIN_A.status("POST", "/api/3.0/mlflow/workspaces", Map.of("name", workspace))).isEqualTo(201);
        }
        ADMIN_A.send("POST", "/api/3.0/mlflow/workspaces/team-a/permissions", Map.of("username", "alice", "permission", "EDIT")).ok();
        ADMIN_A.send("POST", "/api/3.0/mlflow/workspaces/team-b/permissions", Map.of("username", "bob", "permission", "EDIT")).ok();
        Files.createDirectories(server.dataDir().resolve("features"));
        Files.writeString(server.dataDir().resolve("features/scoped.csv"),
                "driver_id,event_timestamp,trips\n1,2024-01-01T00:00:00Z,10\n");
    }

    @Test
    void pipeline_runs_and_schedules_of_another_workspace_are_not_found_nor_listed() {
        String bRun = BOB.send("POST", "/api/v1/pipelines/runs", Map.of("pipeline", PIPELINE)).json(201).path("run_id").asText();
        String aRun = ALICE.send("POST", "/api/v1/pipelines/runs", Map.of("pipeline", PIPELINE)).json(201).path("run_id").asText();
        await().atMost(Duration.ofSeconds(60)).until(() -> finished(ALICE, aRun) && finished(BOB, bRun));
        ADMIN_B.send("POST", "/api/v1/pipelines/schedules", Map.of("name", "b-nightly", "cron", "0 3 * * *", "pipeline",
                PIPELINE, "enabled", false)).json(201);

        assertThat(ALICE.send("GET", "/api/v1/pipelines/runs/" + bRun, null).errorCode()).isEqualTo("RESOURCE_DOES_NOT_EXIST");
        assertThat(ALICE.list("/api/v1/pipelines/runs", "runs", "run_id")).contains(aRun).doesNotContain(bRun);
        assertThat(BOB.list("/api/v1/pipelines/runs", "runs", "run_id")).contains(bRun).doesNotContain(aRun);
        assertThat(ADMIN_A.list("/api/v1/pipelines/schedules", "schedules", "name")).doesNotContain("b-nightly");
        assertThat(ADMIN_A.status("DELETE", "/api/v1/pipelines/schedules/b-nightly", null)).isEqualTo(404);
        assertThat(ADMIN_A.status("POST", "/api/v1/pipelines/schedules", Map.of("name", "b-nightly", "cron", "0 4 * * *",
                "pipeline", PIPELINE))).isEqualTo(404);
        assertThat(ADMIN_B.list("/api/v1/pipelines/schedules", "schedules", "name")).containsExactly("b-nightly");
        assertThat(ALICE.in("team-b").status("GET", "/api/v1/pipelines/runs", null)).isEqualTo(403);
    }

    private static boolean finished(Caller caller, String run) {
        return !caller.send("GET", "/api/v1/pipelines/runs/" + run, null).json(200).at("/run/status").asText().equals("RUNNING");
    }

    private static Map<String, Object> definitions(String prefix) {
        return Map.of(
                "entities", List.of(Map.of("name", prefix + "_driver", "join_key", "driver_id")),
                "feature_views", List.of(Map.of("name", prefix + "_stats", "entities", List.of(prefix + "_driver"),
                        "source", Map.of("path", "features/scoped.csv"), "timestamp_field", "event_timestamp",
                        "features", List.of(Map.of("name", "trips", "dtype", "Int64")))),
                "feature_services", List.of(Map.of("name", prefix + "_service", "features", List.of(prefix + "_stats:trips"))));
    }

    @Test
    void feature_definitions_and_online_reads_of_another_workspace_are_not_found_nor_listed() {
        BOB.send("POST", "/api/v1/features/apply", definitions("b")).json(200);
        ALICE.send("POST", "/api/v1/entities", Map.of("name", "a_rider", "join_key", "rider_id")).json(201);
        assertThat(BOB.status("POST", "/api/v1/feature-views/b_stats/materialize", Map.of())).isEqualTo(200);
        Map<String, Object> keys = Map.of("driver_id", List.of(1));
        assertThat(BOB.send("POST", "/get-online-features", Map.of("features", List.of("b_stats:trips"), "entities", keys))
                .json(200).toString()).contains("10");

        assertThat(ALICE.send("GET", "/api/v1/entities/b_driver", null).errorCode()).isEqualTo("RESOURCE_DOES_NOT_EXIST");
        for (String[] call : new String[][] {{"GET", "/api/v1/feature-views/b_stats"}, {"GET", "/api/v1/feature-services/b_service"},
                {"POST", "/api/v1/feature-views/b_stats/materialize"}, {"POST", "/api/v1/feature-views/b_stats/online"},
                {"GET", "/api/v1/feature-views/b_stats/statistics"}}) {
            assertThat(ALICE.status(call[0], call[1], call[0].equals("POST") ? Map.of("entities", keys) : null))
                    .as(call[1]).isEqualTo(404);
        }
        assertThat(ALICE.status("POST", "/get-online-features", Map.of("features", List.of("b_stats:trips"), "entities", keys)))
                .isEqualTo(404);
        assertThat(ALICE.status("POST", "/get-online-features", Map.of("feature_service", "b_service", "entities", keys)))
                .isEqualTo(404);
        assertThat(ALICE.status("POST", "/api/v1/features/apply", definitions("b"))).isEqualTo(404);
        assertThat(ALICE.status("POST", "/api/v1/feature-services", Map.of("name", "a_service", "features",
                List.of("b_stats:trips")))).isEqualTo(404);

        assertThat(ALICE.list("/api/v1/entities", "entities", "name")).containsExactly("a_rider");
        assertThat(ALICE.list("/api/v1/feature-views", "feature_views", "name")).isEmpty();
        assertThat(ALICE.list("/api/v1/feature-services", "feature_services", "name")).isEmpty();
        assertThat(BOB.list("/api/v1/entities", "entities", "name")).containsExactly("b_driver");
        assertThat(BOB.list("/api/v1/feature-views", "feature_views", "name")).containsExactly("b_stats");
        assertThat(ALICE.in("team-b").status("GET", "/api/v1/entities", null)).isEqualTo(403);
    }

    @Test
    void alert_rules_and_webhooks_of_another_workspace_are_not_found_nor_listed() {
        String rule = ADMIN_B.send("POST", "/api/v1/alert-rules", Map.of("name", "b-drift", "metric", "drift_share",
                "comparator", ">", "threshold", 0.5)).json(200).at("/alert_rule/id").asText();
        String webhook = ADMIN_B.send("POST", "/api/2.0/mlflow/webhooks", Map.of("name", "b-hook",
                "url", "https://hooks.example.com/b", "events", List.of(Map.of("entity", "MODEL_VERSION", "action", "CREATED"))))
                .json(200).at("/webhook/webhook_id").asText();

        assertThat(ADMIN_A.status("GET", "/api/v1/alert-rules/" + rule, null)).isEqualTo(404);
        assertThat(ADMIN_A.status("DELETE", "/api/v1/alert-rules/" + rule, null)).isEqualTo(404);
        assertThat(ADMIN_A.list("/api/v1/alert-rules", "alert_rules", "id")).doesNotContain(rule);
        assertThat(ADMIN_B.list("/api/v1/alert-rules", "alert_rules", "id")).containsExactly(rule);
        for (String[] call : new String[][] {{"GET", "/api/2.0/mlflow/webhooks/" + webhook},
                {"PATCH", "/api/2.0/mlflow/webhooks/" + webhook}, {"POST", "/ajax-api/2.0/mlflow/webhooks/" + webhook + "/test"},
                {"GET", "/api/v1/webhooks/" + webhook + "/deliveries"}, {"DELETE", "/api/2.0/mlflow/webhooks/" + webhook}}) {
            assertThat(ADMIN_A.send(call[0], call[1], call[0].equals("GET") ? null : Map.of()).errorCode()).as(call[1])
                    .isEqualTo("RESOURCE_DOES_NOT_EXIST");
        }
        assertThat(ADMIN_A.send("GET", "/api/2.0/mlflow/webhooks", null).json(200).has("webhooks")).isFalse();
        assertThat(ADMIN_B.list("/api/2.0/mlflow/webhooks", "webhooks", "webhook_id")).containsExactly(webhook);
        assertThat(ALICE.in("team-b").status("GET", "/api/v1/alerts", null)).isEqualTo(403);
    }

    @Test
    void the_lineage_graph_does_not_walk_into_another_workspace() {
        String aRun = trainedOnTheSharedDataset(ADMIN_A, "a-lineage");
        String bRun = trainedOnTheSharedDataset(ADMIN_B, "b-lineage");

        JsonNode fromA = ADMIN_A.send("GET", "/api/v1/lineage?dataset_digest=d1gest", null).json(200);
        JsonNode fromB = ADMIN_B.send("GET", "/api/v1/lineage?dataset_digest=d1gest", null).json(200);
        JsonNode ofVersion = ADMIN_A.send("GET", "/api/v1/lineage?model=a-lineage&version=1", null).json(200);

        assertThat(fromA.path("nodes").findValuesAsText("id")).containsExactlyInAnyOrder("dataset:d1gest", "run:" + aRun,
                "model:a-lineage/1");
        assertThat(fromA.path("edges").findValuesAsText("to")).doesNotContain("run:" + bRun, "model:b-lineage/1");
        assertThat(fromB.path("nodes").findValuesAsText("id")).containsExactlyInAnyOrder("dataset:d1gest", "run:" + bRun,
                "model:b-lineage/1");
        assertThat(ofVersion.path("nodes").findValuesAsText("id")).contains("run:" + aRun).doesNotContain("run:" + bRun);
        assertThat(ADMIN_B.status("GET", "/api/v1/lineage?model=a-lineage&version=1", null)).isEqualTo(404);
    }

    /** A run of a new experiment of the caller's workspace logs the dataset {@code d1gest}; a version is registered from it. */
    private static String trainedOnTheSharedDataset(Caller caller, String name) {
        String experiment = caller.send("POST", "/api/2.0/mlflow/experiments/create", Map.of("name", name)).json(200)
                .path("experiment_id").asText();
        String run = caller.send("POST", "/api/2.0/mlflow/runs/create", Map.of("experiment_id", experiment)).json(200)
                .at("/run/info/run_id").asText();
        caller.send("POST", "/api/2.0/mlflow/runs/log-inputs", Map.of("run_id", run, "datasets", List.of(Map.of("dataset",
                Map.of("name", "shared", "digest", "d1gest", "source_type", "local", "source", "/data/shared.csv"))))).ok();
        caller.send("POST", "/api/2.0/mlflow/registered-models/create", Map.of("name", name)).ok();
        caller.send("POST", "/api/2.0/mlflow/model-versions/create", Map.of("name", name, "source", "runs:/" + run + "/model",
                "run_id", run)).ok();
        return run;
    }
}
