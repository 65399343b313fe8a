package dev.mlforge.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.LoggedModels;
import dev.mlforge.testing.TestHttp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DeploymentLifecycleTest {
    private static final String ROW = "{\"inputs\": [{\"name\": \"input\", \"shape\": [1, 4], \"datatype\": \"FP32\","
            + " \"data\": [6.2, 2.8, 4.8, 1.8]}]}";

    @RegisterExtension
    final ApplicationExtension server = ApplicationExtension.sqlite();
    private final LoggedModels models = new LoggedModels(server);
    private TestHttp http;

    @BeforeEach
    void start() {
        // Versions 1 and 2 are the logistic regression as an .onnx file and as an MLflow directory (same answers).
        models.registerModel("iris", TestModels.irisOnnx());
        models.registerModel("iris", TestModels.irisMlflow());
        models.setAlias("iris", "champion", "1");
        http = server.http();
    }

    /** The deployments the registry's lineage records for a version. */
    private List<String> deploymentsOf(String model, String version) {
        List<String> deployments = new ArrayList<>();
        http.get("/api/v1/lineage?model=" + model + "&version=" + version).ok().json().get("nodes").forEach(node -> {
            if (node.get("id").asText().startsWith("deployment:")) {
                deployments.add(node.get("id").asText());
            }
        });
        return deployments;
    }

    private String versionAnswering(String... headers) {
        TestHttp.Response response = http.send("POST", "/v2/models/fraud/infer", "application/json", ROW, headers);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().get("model_version").asText();
    }

    @Test
    void deployments_are_created_read_listed_changed_and_deleted() {
        JsonNode created = models.deploy("fraud", "models:/iris/1").json().get("deployment");
        assertThat(deploymentsOf("iris", "1")).containsExactly("deployment:fraud");
        assertThat(deploymentsOf("iris", "2")).isEmpty();
        assertThat(created.get("ready").asBoolean()).isTrue();
        assertThat(created.get("versions").get("primary").asText()).isEqualTo("1");

        assertThat(models.deploy("fraud", "models:/iris/1").json().get("error_code").asText()).isEqualTo("RESOURCE_ALREADY_EXISTS");
        assertThat(models.deploy("bad name", "models:/iris/1").status()).isEqualTo(400);
        assertThat(models.deploy("other", "models:/iris/404").status()).isEqualTo(404);
        assertThat(http.get("/api/v1/deployments").json().get("deployments")).hasSize(1);

        JsonNode patched = http.patch("/api/v1/deployments/fraud", "{\"model_uri\": \"models:/iris/2\"}").json().get("deployment");
        assertThat(patched.get("versions").get("primary").asText()).isEqualTo("2");
        assertThat(patched.get("previous_policy").get("model_uri").asText()).isEqualTo("models:/iris/1");
        assertThat(versionAnswering()).isEqualTo("2");

        assertThat(http.delete("/api/v1/deployments/fraud").status()).isEqualTo(200);
        assertThat(http.get("/api/v1/deployments/fraud").status()).isEqualTo(404);
        assertThat(http.post("/v2/models/fraud/infer", ROW).status()).isEqualTo(404);
    }

    @Test
    void switching_versions_under_load_never_fails_a_request() throws Exception {
        models.deploy("fraud", "models:/iris/1");
        java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
        List<Integer> statuses = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(4);
        for (int i = 0; i < 4; i++) {
            clients.submit(() -> {
                while (running.get()) {
                    statuses.add(http.post("/v2/models/fraud/infer", ROW).status());
                }
            });
        }
        for (int change = 0; change < 6; change++) {
            String uri = change % 2 == 0 ? "models:/iris/2" : "models:/iris/1";
            assertThat(http.patch("/api/v1/deployments/fraud", "{\"model_uri\": \"" + uri + "\"}").status()).isEqualTo(200);
        }
        running.set(false);
        clients.shutdown();
        assertThat(clients.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

        assertThat(statuses).isNotEmpty().containsOnly(200);
        assertThat(versionAnswering()).isEqualTo("1");
    }

    @Test
    void a_canary_takes_its_weight_and_a_sticky_header_pins_each_caller() {
        models.deploy("fraud", "models:/iris/1");
        http.patch("/api/v1/deployments/fraud", "{\"canary\": {\"model_uri\": \"models:/iris/2\", \"weight\": 50}, \"sticky_header\": \"X-User\"}");

        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 60; i++) {
            seen.add(versionAnswering());
        }
        assertThat(seen).containsExactlyInAnyOrder("1", "2");
        for (String user : List.of("ann", "bob", "cy", "dee", "eve")) {
            String first = versionAnswering("X-User", user);
            for (int i = 0; i < 5; i++) {
                assertThat(versionAnswering("X-User", user)).isEqualTo(first);
            }
        }
        assertThat(http.patch("/api/v1/deployments/fraud", "{\"canary\": {\"model_uri\": \"models:/iris/2\", \"weight\": 101}}").status()).isEqualTo(400);
    }

    @Test
    void a_shadow_gets_a_mirrored_copy_that_is_logged_but_never_returned() {
        http.post("/api/v1/deployments", "{\"name\": \"fraud\", \"model_uri\": \"models:/iris/1\","
                + " \"shadow\": {\"model_uri\": \"models:/iris/2\"}}");

        for (int i = 0; i < 10; i++) {
            assertThat(versionAnswering()).isEqualTo("1");
        }

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            server.application().serving().flushPredictions();
            List<PredictionRecord> logged = server.application().serving().recentPredictions("fraud", 100);
            assertThat(logged).filteredOn(PredictionRecord::shadow).hasSize(10)
                    .allSatisfy(record -> assertThat(record.version()).isEqualTo("2"));
            assertThat(logged).filteredOn(record -> !record.shadow()).hasSize(10);
        });
    }

    @Test
    void rollback_restores_the_previous_policy_in_one_call() {
        models.deploy("fraud", "models:/iris/1");
        http.patch("/api/v1/deployments/fraud", "{\"model_uri\": \"models:/iris/2\"}");
        List<DeploymentRolledBack> rollbacks = new java.util.concurrent.CopyOnWriteArrayList<>();
        server.application().events().subscribe(DeploymentRolledBack.class, rollbacks::add);

        JsonNode rolledBack = http.post("/api/v1/deployments/fraud/rollback", "{}").json().get("deployment");

        assertThat(rolledBack.get("model_uri").asText()).isEqualTo("models:/iris/1");
        assertThat(versionAnswering()).isEqualTo("1");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(rollbacks).hasSize(1));
        assertThat(http.post("/api/v1/deployments/nope/rollback", "{}").status()).isEqualTo(404);
    }

    @Test
    void repeated_rollbacks_walk_back_through_the_policy_history_which_survives_a_restart() {
        models.deploy("fraud", "models:/iris/1");
        String[] changes = {"{\"model_uri\": \"models:/iris/2\"}",
                "{\"model_uri\": \"models:/iris/1\", \"canary\": {\"model_uri\": \"models:/iris/2\", \"weight\": 10}}",
                "{\"model_uri\": \"models:/iris/2\", \"canary\": null, \"shadow\": {\"model_uri\": \"models:/iris/1\"}}"};
        for (String change : changes) {
            assertThat(http.patch("/api/v1/deployments/fraud", change).status()).isEqualTo(200);
        }
        JsonNode history = http.get("/api/v1/deployments/fraud/history").json();
        assertThat(history.get("policy").get("shadow").get("model_uri").asText()).isEqualTo("models:/iris/1");
        assertThat(history.get("previous_policies")).extracting(policy -> policy.get("model_uri").asText() + " "
                + policy.path("canary").path("weight").asInt(0)).containsExactly("models:/iris/1 10", "models:/iris/2 0",
                "models:/iris/1 0");

        JsonNode first = http.post("/api/v1/deployments/fraud/rollback", "{}").json().get("deployment");
        assertThat(first.get("model_uri").asText()).isEqualTo("models:/iris/1");
        assertThat(first.get("canary").get("weight").asInt()).isEqualTo(10);
        assertThat(first.has("shadow")).isFalse();
        server.restart();
        http = server.http();
        await().atMost(Duration.ofSeconds(10)).until(() -> http.get("/v2/health/ready").status() == 200);

        JsonNode second = http.post("/api/v1/deployments/fraud/rollback", "{}").json().get("deployment");
        assertThat(second.get("model_uri").asText()).isEqualTo("models:/iris/2");
        assertThat(second.has("canary")).isFalse();
        assertThat(versionAnswering()).isEqualTo("2");
        assertThat(http.get("/api/v1/deployments/fraud/history").json().get("previous_policies"))
                .extracting(policy -> policy.get("model_uri").asText()).containsExactly("models:/iris/1");
        assertThat(http.post("/api/v1/deployments/fraud/rollback", "{}").json().get("deployment").get("model_uri")
                .asText()).isEqualTo("models:/iris/1");
        TestHttp.Response exhausted = http.post("/api/v1/deployments/fraud/rollback", "{}");
        assertThat(exhausted.status()).isEqualTo(400);
        assertThat(exhausted.json().get("message").asText()).contains("no previous policy");
    }

    @Test
    void unknown_fields_in_a_create_or_change_are_refused_and_nothing_changes() {
        TestHttp.Response create = http.post("/api/v1/deployments",
                "{\"name\": \"fraud\", \"model_uri\": \"models:/iris/1\", \"canary_weight\": 50}");
        assertThat(create.status()).isEqualTo(400);
        assertThat(create.json().get("error_code").asText()).isEqualTo("INVALID_PARAMETER_VALUE");
        assertThat(create.json().get("message").asText()).contains("canary_weight");
        assertThat(http.get("/api/v1/deployments/fraud").status()).isEqualTo(404);

        models.deploy("fraud", "models:/iris/1");
        TestHttp.Response patch = http.patch("/api/v1/deployments/fraud",
                "{\"model_uri\": \"models:/iris/2\", \"modelUri\": \"x\", \"shadow\": {\"model_uri\": \"models:/iris/2\", \"weight\": 5}}");
        assertThat(patch.status()).isEqualTo(400);
        assertThat(patch.json().get("error_code").asText()).isEqualTo("INVALID_PARAMETER_VALUE");
        assertThat(patch.json().get("message").asText()).contains("modelUri");
        TestHttp.Response nested = http.patch("/api/v1/deployments/fraud",
                "{\"shadow\": {\"model_uri\": \"models:/iris/2\", \"weight\": 5}}");
        assertThat(nested.status()).isEqualTo(400);
        assertThat(nested.json().get("message").asText()).contains("shadow.weight");
        JsonNode unchanged = http.get("/api/v1/deployments/fraud").json().get("deployment");
        assertThat(unchanged.get("model_uri").asText()).isEqualTo("models:/iris/1");
        assertThat(unchanged.has("shadow")).isFalse();
        assertThat(versionAnswering()).isEqualTo("1");
    }

    @Test
    void a_deployment_bound_to_an_alias_follows_it_when_it_moves() {
        models.deploy("fraud", "models:/iris@champion");
        assertThat(versionAnswering()).isEqualTo("1");
        List<ModelDeployed> deployed = new java.util.concurrent.CopyOnWriteArrayList<>();
        server.application().events().subscribe(ModelDeployed.class, deployed::add);

        server.http().postAs("alice", LoggedModels.API + "registered-models/alias",
                "{\"name\": \"iris\", \"alias\": \"champion\", \"version\": \"2\"}").ok();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(versionAnswering()).isEqualTo("2"));
        // The bus delivers asynchronously: the deploy's own announcement of version 1 may still reach the subscriber.
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(deployed)
                .filteredOn(event -> !event.version().equals("1")).singleElement()
                .satisfies(event -> assertThat(event.deployment() + " " + event.role() + " " + event.version())
                        .isEqualTo("fraud primary 2")));
        assertThat(deploymentsOf("iris", "2")).containsExactly("deployment:fraud");
    }

    /** Stage and latest URIs follow at once on a single server (SQLite, in-process bus, no deployment-sync poll). */
    private void transition(String version, String stage, boolean archiveExisting) {
        http.post(LoggedModels.API + "model-versions/transition-stage", "{\"name\": \"iris\", \"version\": \"" + version
                + "\", \"stage\": \"" + stage + "\", \"archive_existing_versions\": " + archiveExisting + "}").ok();
    }

    private void awaitServed(String version) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(versionAnswering()).isEqualTo(version));
        assertThat(http.get("/api/v1/deployments/fraud").ok().json().at("/deployment/versions/primary").asText())
                .isEqualTo(version);
    }

    @Test
    void a_production_deployment_follows_a_version_transitioned_into_the_stage() {
        transition("1", "Production", true);
        models.deploy("fraud", "models:/iris/Production").ok();
        assertThat(versionAnswering()).isEqualTo("1");

        transition("2", "Production", true);

        awaitServed("2");
        transition("1", "Production", true);
        awaitServed("1");
    }

    @Test
    void a_staging_deployment_follows_the_stage_when_its_version_leaves_it_or_is_deleted() {
        transition("1", "Staging", false);
        models.deploy("fraud", "models:/iris/Staging").ok();
        transition("2", "Staging", false);
        awaitServed("2");

        transition("2", "Archived", false);
        awaitServed("1");
        transition("2", "Staging", false);
        awaitServed("2");

        http.delete(LoggedModels.API + "model-versions/delete", "{\"name\": \"iris\", \"version\": \"2\"}").ok();
        awaitServed("1");
    }

    @Test
    void a_latest_deployment_follows_a_new_version_and_a_deleted_one() {
        models.deploy("fraud", "models:/iris/latest").ok();
        assertThat(versionAnswering()).isEqualTo("2");

        models.registerModel("iris", TestModels.irisOnnx());
        awaitServed("3");

        http.delete(LoggedModels.API + "model-versions/delete", "{\"name\": \"iris\", \"version\": \"3\"}").ok();
        awaitServed("2");
    }

    @Test
    void a_canary_bound_to_an_alias_follows_it_and_a_rollback_takes_the_canary_out() {
        models.setAlias("iris", "challenger", "1");
        models.deploy("fraud", "models:/iris/1");
        http.patch("/api/v1/deployments/fraud", "{\"canary\": {\"model_uri\": \"models:/iris@challenger\", \"weight\": 40},"
                + " \"sticky_header\": \"X-User\"}").ok();
        String canaryUser = userOnSide(true);
        String primaryUser = userOnSide(false);
        List<ModelDeployed> deployed = new java.util.concurrent.CopyOnWriteArrayList<>();
        server.application().events().subscribe(ModelDeployed.class, deployed::add);

        models.setAlias("iris", "challenger", "2");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(versionAnswering("X-User", canaryUser)).isEqualTo("2"));
        assertThat(versionAnswering("X-User", primaryUser)).isEqualTo("1");
        JsonNode status = http.get("/api/v1/deployments/fraud").ok().json().get("deployment");
        assertThat(status.get("versions").toString()).isEqualTo("{\"primary\":\"1\",\"canary\":\"2\"}");
        assertThat(status.at("/canary/model_uri").asText()).isEqualTo("models:/iris@challenger");
        // The bus delivers asynchronously: the canary's own announcement of version 1 may still reach the subscriber.
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(deployed)
                .filteredOn(event -> !event.version().equals("1"))
                .extracting(event -> event.deployment() + " " + event.role() + " " + event.version())
                .containsExactly("fraud canary 2"));
        assertThat(deploymentsOf("iris", "2")).containsExactly("deployment:fraud");

        JsonNode rolledBack = http.post("/api/v1/deployments/fraud/rollback", "{}").ok().json().get("deployment");

        assertThat(rolledBack.path("canary").isMissingNode() || rolledBack.path("canary").isNull()).as(rolledBack.toString()).isTrue();
        assertThat(versionAnswering("X-User", canaryUser)).isEqualTo("1");
        models.setAlias("iris", "challenger", "1");
        assertThat(http.get("/api/v1/deployments/fraud").ok().json().at("/deployment/versions").toString())
                .isEqualTo("{\"primary\":\"1\"}");
    }

    /** A sticky-header value the canary (or the primary) gets at weight 40: the first of u0, u1, ... that does. */
    private String userOnSide(boolean canary) {
        for (int i = 0; i < 100; i++) {
            String user = "u" + i;
            if (TrafficPolicy.stickyToCanary(user, 40) == canary) {
                return user;
            }
        }
        throw new AssertionError("no user lands on the " + (canary ? "canary" : "primary"));
    }

    @Test
    void a_version_failing_integrity_verification_is_refused_and_the_old_one_keeps_serving() throws Exception {
        models.deploy("fraud", "models:/iris/1");
        Path model = server.dataDir().resolve("artifacts").resolve(
                LoggedModels.artifactRoot(server.application().registry().service().getModelVersion("iris", "2").runId()) + "/model");
        Files.write(model.resolve("model.onnx"), new byte[] {1, 2, 3});

        TestHttp.Response refused = http.patch("/api/v1/deployments/fraud", "{\"model_uri\": \"models:/iris/2\"}");

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("error_code").asText()).isEqualTo("RESOURCE_CONFLICT");
        assertThat(refused.json().get("message").asText()).contains("Refusing to deploy models:/iris/2")
                .contains("failed integrity verification").contains("modified [model.onnx]");
        assertThat(versionAnswering()).isEqualTo("1");
    }

    @Test
    void deployments_are_persisted_and_reloaded_at_start_and_predictions_flushed_on_close() {
        models.deploy("fraud", "models:/iris/1");
        http.patch("/api/v1/deployments/fraud", "{\"model_uri\": \"models:/iris/2\"}");
        String requestId = http.post("/v2/models/fraud/infer", ROW).json().get("id").asText();
        server.restart();
        http = server.http();
        await().atMost(Duration.ofSeconds(10)).until(() -> http.get("/v2/health/ready").status() == 200);
        assertThat(versionAnswering()).isEqualTo("2");
        assertThat(server.application().serving().recentPredictions("fraud", Instant.EPOCH)).extracting(PredictionRecord::requestId)
                .contains(requestId);
        assertThat(http.post("/api/v1/deployments/fraud/rollback", "{}").json().get("deployment")
                .get("model_uri").asText()).isEqualTo("models:/iris/1");
    }

    @Test
    void feedback_attaches_ground_truth_to_a_logged_prediction() {
        models.deploy("fraud", "models:/iris/1");
        TestHttp.Response answer = http.post("/v2/models/fraud/infer", ROW.replace("{\"inputs\"", "{\"id\": \"r-1\", \"inputs\""));
        assertThat(answer.json().get("id").asText()).isEqualTo("r-1");

        assertThat(http.post("/api/v1/deployments/fraud/feedback", "{\"request_id\": \"r-1\", \"label\": 2}").status()).isEqualTo(200);
        assertThat(http.post("/api/v1/deployments/fraud/feedback", "{\"request_id\": \"r-1\"}").status()).isEqualTo(400);
        assertThat(http.post("/api/v1/deployments/nope/feedback", "{\"request_id\": \"r-1\", \"label\": 2}").status()).isEqualTo(404);
        TestHttp.Response unknown = http.post("/api/v1/deployments/fraud/feedback",
                "{\"request_id\": \"never-answered\", \"label\": 2}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("error_code").asText()).isEqualTo("RESOURCE_DOES_NOT_EXIST");
        assertThat(unknown.json().get("message").asText()).contains("never-answered");

        server.application().serving().flushPredictions();
        assertThat(http.get("/metrics").ok().body()).as("what the log kept and dropped, for operators")
                .contains("mlforge_prediction_log_written_total 1.0").contains("mlforge_prediction_log_dropped_total 0.0");
        PredictionRecord record = server.application().serving().recentPredictions("fraud", 10).get(0);
        assertThat(record.requestId()).isEqualTo("r-1");
        assertThat(record.label()).isEqualTo("2");
        assertThat(record.inputsJson()).contains("\"name\":\"input\"").contains("6.2");
        assertThat(record.outputsJson()).contains("\"name\":\"label\"");
    }

    @Test
    void failing_shadow_copies_are_counted_as_shadow_traffic_and_leave_the_live_error_rate_at_zero() {
        // The wine model takes 13 features: every mirrored iris row fails in the shadow, never in the answer.
        models.registerModel("wine", TestModels.wineOnnx());
        http.post("/api/v1/deployments", "{\"name\": \"fraud\", \"model_uri\": \"models:/iris/1\","
                + " \"shadow\": {\"model_uri\": \"models:/wine/1\"}}");
        for (int i = 0; i < 5; i++) {
            assertThat(versionAnswering()).isEqualTo("1");
        }

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(http.get("/metrics").ok().body()).contains(
                "mlforge_serving_requests_total{deployment=\"fraud\",outcome=\"error\",traffic=\"shadow\",version=\"1\"} 5.0"));
        String scrape = http.get("/metrics").ok().body();
        assertThat(scrape).contains(
                "mlforge_serving_requests_total{deployment=\"fraud\",outcome=\"ok\",traffic=\"live\",version=\"1\"} 5.0");
        // What the shipped error-rate rule selects: live requests only, none of which failed.
        assertThat(scrape.lines().filter(line -> line.startsWith("mlforge_serving_requests_total{"))
                .filter(line -> line.contains("traffic=\"live\"")).filter(line -> line.matches(".*outcome=\"(error|timeout)\".*")))
                .isEmpty();
        assertThat(scrape).contains("mlforge_serving_request_duration_seconds_count{deployment=\"fraud\",traffic=\"shadow\",version=\"1\"} 5");
    }

    @Test
    void metrics_count_requests_by_deployment_version_and_outcome() {
        models.deploy("fraud", "models:/iris/1");
        versionAnswering();
        http.post("/v2/models/fraud/infer", "{\"inputs\": [{\"name\": \"input\", \"shape\": [1, 2], \"datatype\": \"FP32\", \"data\": [1, 2]}]}");

        String scrape = http.get("/metrics").ok().body();

        assertThat(scrape).contains("mlforge_serving_requests_total{deployment=\"fraud\",outcome=\"ok\",traffic=\"live\",version=\"1\"} 1.0");
        assertThat(scrape).contains("mlforge_serving_requests_total{deployment=\"fraud\",outcome=\"bad_request\",traffic=\"live\",version=\"1\"} 1.0");
        assertThat(scrape).contains("mlforge_serving_request_duration_seconds_bucket{deployment=\"fraud\",traffic=\"live\"");
        assertThat(scrape).contains("mlforge_serving_batch_size_rows_bucket{deployment=\"fraud\"");
        assertThat(scrape).contains("mlforge_serving_queue_depth{deployment=\"fraud\",version=\"1\"}");
        assertThat(scrape).contains("mlforge_serving_model_load_seconds_count{deployment=\"fraud\",version=\"1\"}");
    }

    @Test
    void the_application_mounts_the_serving_routes() {
        assertThat(http.get("/v2/health/live").status()).isEqualTo(200);
        assertThat(http.get("/api/v1/deployments").status()).isEqualTo(200);
        assertThat(server.application().serving().deployments().list()).isEmpty();
    }
}
