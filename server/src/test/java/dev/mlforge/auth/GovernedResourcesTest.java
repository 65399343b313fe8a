package dev.mlforge.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.TestHttp;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Permissions on traces (through their experiment), pipeline runs, schedules and drift triggers, the feature store's
 * definitions and prompts, through real HTTP. Users hold EDIT by default here, so any of them creates; the creator
 * manages; {@code reader} holds READ grants, {@code other} NO_PERMISSIONS grants; {@code editor} stays on the default.
 */
class GovernedResourcesTest {
    @RegisterExtension
    static final ApplicationExtension server = ApplicationExtension.sqlite().withBasicAuth(Callers.ADMIN, Callers.ADMIN_PASSWORD)
            .withConfig("auth.default-permission", "EDIT");

    private static final String PIPELINE = "name: governed\nsteps:\n"
            + "  - {name: write, uses: dev.mlforge.pipelines.TestSteps$Write, cache: false, with: {text: hi}}\n";
    private static Callers as;

    @BeforeAll
    static void users() {
        as = new Callers(server.http());
        for (String user : List.of("creator", "editor", "reader", "other")) {
            as.createUser(user, user + "-password");
        }
    }

    private static TestHttp.Response call(String user, String method, String path, Object body) {
        return as.as(user, user.equals(Callers.ADMIN) ? Callers.ADMIN_PASSWORD : user + "-password", method, path, body);
    }

    private static int status(String user, String method, String path, Object body) {
        return call(user, method, path, body).status();
    }

    /** The creator grants {@code reader} READ and {@code other} NO_PERMISSIONS on what it created. */
    private static void share(String type, String id) {
        for (String[] grant : new String[][] {{"reader", "READ"}, {"other", "NO_PERMISSIONS"}}) {
            call("creator", "POST", "/api/v1/permissions", Map.of("resource_type", type, "resource_id", id,
                    "username", grant[0], "permission", grant[1])).ok();
        }
    }

    private static String permissionOf(String type, String id, String user) {
        return as.admin("GET", "/api/v1/permissions?resource_type=" + type + "&resource_id=" + id + "&username=" + user, null)
                .json(200).at("/permission/permission").asText();
    }

    @Test
    void traces_follow_the_permission_on_their_experiment() {
        String experiment = call("creator", "POST", "/api/2.0/mlflow/experiments/create", Map.of("name", "governed-traces"))
                .json(200).path("experiment_id").asText();
        for (String[] grant : new String[][] {{"reader", "READ"}, {"other", "NO_PERMISSIONS"}}) {
            call("creator", "POST", "/api/2.0/mlflow/experiments/permissions/create", Map.of("experiment_id", experiment,
                    "username", grant[0], "permission", grant[1])).ok();
        }
        String trace = call("editor", "POST", "/api/2.0/mlflow/traces", Map.of("experiment_id", experiment, "timestamp_ms", 1_000))
                .json(200).at("/trace_info/request_id").asText();
        Map<String, Object> search = Map.of("locations", List.of(Map.of("type", "MLFLOW_EXPERIMENT",
                "mlflow_experiment", Map.of("experiment_id", experiment))));
        Map<String, Object> v3 = Map.of("trace", Map.of("trace_info", Map.of("trace_id", "tr-00000000000000000000000000000abc",
                "trace_location", search.get("locations") instanceof List<?> list ? list.get(0) : Map.of(),
                "request_time", "2024-01-01T00:00:00Z", "state", "OK")));
        String otlp = "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":\"0000000000000000000000000000beef\","
                + "\"spanId\":\"0000000000000001\",\"name\":\"root\",\"startTimeUnixNano\":\"1000\",\"endTimeUnixNano\":\"2000\"}]}]}]}";

        for (String user : List.of("reader", "editor", Callers.ADMIN)) {
            assertThat(status(user, "GET", "/api/3.0/mlflow/traces/" + trace, null)).as(user).isEqualTo(200);
            assertThat(status(user, "GET", "/api/2.0/mlflow/traces/" + trace + "/info", null)).as(user).isEqualTo(200);
            assertThat(call(user, "POST", "/api/3.0/mlflow/traces/search", search).json(200).path("traces")).as(user).hasSize(1);
        }
        assertThat(call("other", "GET", "/api/3.0/mlflow/traces/get?trace_id=" + trace, null).errorCode())
                .isEqualTo("PERMISSION_DENIED");
        assertThat(status("other", "GET", "/api/3.0/mlflow/traces/" + trace, null)).isEqualTo(403);
        assertThat(status("other", "GET", "/api/2.0/mlflow/traces/" + trace + "/info", null)).isEqualTo(403);
        assertThat(status("other", "POST", "/api/3.0/mlflow/traces/search", search)).isEqualTo(403);
        assertThat(status("other", "GET", "/api/2.0/mlflow/traces?experiment_ids=" + experiment, null)).isEqualTo(403);
        assertThat(status("other", "POST", "/api/3.0/mlflow/traces/batchGetInfos", Map.of("trace_ids", List.of(trace))))
                .isEqualTo(403);

        // logging needs EDIT: the reader may not start, end, tag or export spans; the editor may
        for (String user : List.of("reader", "other")) {
            assertThat(status(user, "POST", "/api/2.0/mlflow/traces", Map.of("experiment_id", experiment, "timestamp_ms", 1)))
                    .as(user).isEqualTo(403);
            assertThat(status(user, "POST", "/api/3.0/mlflow/traces", v3)).as(user).isEqualTo(403);
            assertThat(status(user, "PATCH", "/api/2.0/mlflow/traces/" + trace, Map.of("timestamp_ms", 2_000))).as(user)
                    .isEqualTo(403);
            assertThat(status(user, "PATCH", "/api/3.0/mlflow/traces/" + trace + "/tags", Map.of("key", "k", "value", "v")))
                    .as(user).isEqualTo(403);
            assertThat(as.http().send("POST", "/v1/traces", "application/json", otlp, "x-mlflow-experiment-id", experiment,
                    "Authorization", Callers.basic(user, user + "-password")).status()).as(user).isEqualTo(403);
        }
        assertThat(status("editor", "POST", "/api/3.0/mlflow/traces", v3)).isEqualTo(200);
        assertThat(status("editor", "PATCH", "/api/3.0/mlflow/traces/" + trace + "/tags", Map.of("key", "k", "value", "v")))
                .isEqualTo(200);
        assertThat(as.http().send("POST", "/v1/traces", "application/json", otlp, "x-mlflow-experiment-id", experiment,
                "Authorization", Callers.basic("editor", "editor-password")).status()).isEqualTo(200);
        // deleting traces needs MANAGE on the experiment (MLflow's DELETE), which the creator holds
        Map<String, Object> delete = Map.of("experiment_id", experiment, "request_ids", List.of(trace));
        assertThat(status("editor", "POST", "/api/3.0/mlflow/traces/delete-traces", delete)).isEqualTo(403);
        assertThat(status("creator", "POST", "/api/3.0/mlflow/traces/delete-traces", delete)).isEqualTo(200);
    }

    @Test
    void pipeline_runs_schedules_and_triggers_follow_their_grants() {
        String run = call("creator", "POST", "/api/v1/pipelines/runs", Map.of("pipeline", PIPELINE)).json(201)
                .path("run_id").asText();
        assertThat(permissionOf("pipeline_run", run, "creator")).isEqualTo("MANAGE");
        share("pipeline_run", run);
        await().atMost(Duration.ofSeconds(60)).until(() -> !as.admin("GET", "/api/v1/pipelines/runs/" + run, null)
                .json(200).at("/run/status").asText().equals("RUNNING"));

        assertThat(status("reader", "GET", "/api/v1/pipelines/runs/" + run, null)).isEqualTo(200);
        assertThat(call("other", "GET", "/api/v1/pipelines/runs/" + run, null).errorCode()).isEqualTo("PERMISSION_DENIED");
        assertThat(call("other", "GET", "/api/v1/pipelines/runs?pipeline=governed", null).json(200).path("runs")
                .findValuesAsText("run_id")).doesNotContain(run);
        assertThat(call("reader", "GET", "/api/v1/pipelines/runs?pipeline=governed", null).json(200).path("runs")
                .findValuesAsText("run_id")).contains(run);

        // schedules: created by admins (the route's role), deleted by whoever manages them
        Map<String, Object> schedule = Map.of("name", "governed-nightly", "cron", "0 3 * * *", "pipeline", PIPELINE,
                "enabled", false);
        assertThat(status("creator", "POST", "/api/v1/pipelines/schedules", schedule)).isEqualTo(403);
        as.admin("POST", "/api/v1/pipelines/schedules", schedule).json(201);
        assertThat(permissionOf("pipeline_schedule", "governed-nightly", Callers.ADMIN)).isEqualTo("MANAGE");
        as.admin("POST", "/api/v1/permissions", Map.of("resource_type", "pipeline_schedule", "resource_id", "governed-nightly",
                "username", "other", "permission", "NO_PERMISSIONS")).ok();
        assertThat(call("other", "GET", "/api/v1/pipelines/schedules", null).json(200).path("schedules")
                .findValuesAsText("name")).doesNotContain("governed-nightly");
        assertThat(call("editor", "GET", "/api/v1/pipelines/schedules", null).json(200).path("schedules")
                .findValuesAsText("name")).contains("governed-nightly");
        assertThat(status("editor", "DELETE", "/api/v1/pipelines/schedules/governed-nightly", null)).isEqualTo(403);
        as.admin("POST", "/api/v1/permissions", Map.of("resource_type", "pipeline_schedule", "resource_id", "governed-nightly",
                "username", "editor", "permission", "MANAGE")).ok();
        assertThat(status("editor", "DELETE", "/api/v1/pipelines/schedules/governed-nightly", null)).isEqualTo(200);

        // a drift trigger belongs to its deployment
        as.admin("POST", "/api/v1/pipelines/triggers", Map.of("deployment", "governed-dep", "pipeline", PIPELINE)).json(201);
        as.admin("POST", "/api/v1/permissions", Map.of("resource_type", "deployment", "resource_id", "governed-dep",
                "username", "other", "permission", "NO_PERMISSIONS")).ok();
        assertThat(call("other", "GET", "/api/v1/pipelines/triggers", null).json(200).path("triggers")
                .findValuesAsText("deployment")).doesNotContain("governed-dep");
        assertThat(call("editor", "GET", "/api/v1/pipelines/triggers", null).json(200).path("triggers")
                .findValuesAsText("deployment")).contains("governed-dep");
        assertThat(status("editor", "DELETE", "/api/v1/pipelines/triggers/governed-dep", null)).isEqualTo(403);
        as.admin("POST", "/api/v1/permissions", Map.of("resource_type", "deployment", "resource_id", "governed-dep",
                "username", "editor", "permission", "MANAGE")).ok();
        assertThat(status("editor", "DELETE", "/api/v1/pipelines/triggers/governed-dep", null)).isEqualTo(200);
    }

    private static Map<String, Object> definitions(long ttl) {
        return Map.of(
                "entities", List.of(Map.of("name", "gov_driver", "join_key", "driver_id")),
                "feature_views", List.of(Map.of("name", "gov_stats", "entities", List.of("gov_driver"),
                        "source", Map.of("path", "features/gov.csv"), "timestamp_field", "event_timestamp", "ttl", ttl,
                        "features", List.of(Map.of("name", "trips", "dtype", "Int64")))),
                "feature_services", List.of(Map.of("name", "gov_service", "features", List.of("gov_stats:trips"))));
    }

    @Test
    void feature_definitions_follow_their_grants_and_online_reads_need_read_on_each_view() throws IOException {
        Files.createDirectories(server.dataDir().resolve("features"));
        Files.writeString(server.dataDir().resolve("features/gov.csv"),
                "driver_id,event_timestamp,trips\n1,2024-01-01T00:00:00Z,10\n");
        call("creator", "POST", "/api/v1/features/apply", definitions(0)).json(200);
        for (String[] kind : new String[][] {{"entity", "gov_driver"}, {"feature_view", "gov_stats"},
                {"feature_service", "gov_service"}}) {
            assertThat(permissionOf(kind[0], kind[1], "creator")).as(kind[0]).isEqualTo("MANAGE");
            share(kind[0], kind[1]);
        }
        Map<String, Object> online = Map.of("features", List.of("gov_stats:trips"), "entities", Map.of("driver_id", List.of(1)));
        Map<String, Object> byService = Map.of("feature_service", "gov_service", "entities", Map.of("driver_id", List.of(1)));

        for (String user : List.of("reader", "editor")) {
            assertThat(status(user, "GET", "/api/v1/feature-views/gov_stats", null)).as(user).isEqualTo(200);
            assertThat(status(user, "POST", "/get-online-features", online)).as(user).isEqualTo(200);
            assertThat(status(user, "POST", "/get-online-features", byService)).as(user).isEqualTo(200);
        }
        assertThat(status("other", "GET", "/api/v1/feature-views/gov_stats", null)).isEqualTo(403);
        assertThat(status("other", "GET", "/api/v1/entities/gov_driver", null)).isEqualTo(403);
        assertThat(status("other", "GET", "/api/v1/feature-services/gov_service", null)).isEqualTo(403);
        assertThat(status("other", "POST", "/get-online-features", online)).isEqualTo(403);
        assertThat(status("other", "POST", "/get-online-features", byService)).isEqualTo(403);
        assertThat(status("other", "POST", "/api/v1/feature-views/gov_stats/online", Map.of("entities",
                Map.of("driver_id", List.of(1))))).isEqualTo(403);
        for (String[] list : new String[][] {{"entities", "gov_driver"}, {"feature-views", "gov_stats"},
                {"feature-services", "gov_service"}}) {
            String field = list[0].replace('-', '_');
            assertThat(call("other", "GET", "/api/v1/" + list[0], null).json(200).path(field).findValuesAsText("name"))
                    .as(list[0]).doesNotContain(list[1]);
            assertThat(call("reader", "GET", "/api/v1/" + list[0], null).json(200).path(field).findValuesAsText("name"))
                    .as(list[0]).contains(list[1]);
        }

        // a new version of an owned definition needs EDIT on it; materializing too
        assertThat(status("reader", "POST", "/api/v1/features/apply", definitions(60))).isEqualTo(403);
        assertThat(status("reader", "POST", "/api/v1/feature-views/gov_stats/materialize", Map.of())).isEqualTo(403);
        assertThat(status("editor", "POST", "/api/v1/feature-views/gov_stats/materialize", Map.of())).isEqualTo(200);
        // the statistics and drift of a view are its values: READ on the view
        assertThat(status("reader", "GET", "/api/v1/feature-views/gov_stats/statistics", null)).isEqualTo(200);
        assertThat(status("other", "GET", "/api/v1/feature-views/gov_stats/statistics", null)).isEqualTo(403);
        assertThat(status("other", "POST", "/api/v1/feature-views/gov_stats/drift", Map.of("reference",
                Map.of("dataset", "any")))).isEqualTo(403);
        assertThat(call("editor", "POST", "/api/v1/features/apply", definitions(60)).json(200).at("/applied/1/version").asInt())
                .isEqualTo(2);
        // the editor did not create it, so it does not manage it
        assertThat(as.admin("GET", "/api/v1/permissions?resource_type=feature_view&resource_id=gov_stats&username=editor", null)
                .status()).isEqualTo(404);
    }

    @Test
    void prompts_are_registered_models_and_follow_their_grants() {
        Map<String, Object> prompt = Map.of("name", "governed-prompt", "tags", List.of(Map.of("key", "mlflow.prompt.is_prompt",
                "value", "true")));
        call("creator", "POST", "/api/2.0/mlflow/registered-models/create", prompt).json(200);
        for (String[] grant : new String[][] {{"reader", "READ"}, {"other", "NO_PERMISSIONS"}}) {
            call("creator", "POST", "/api/2.0/mlflow/registered-models/permissions/create", Map.of("name", "governed-prompt",
                    "username", grant[0], "permission", grant[1])).ok();
        }
        Map<String, Object> template = Map.of("name", "governed-prompt", "key", "mlflow.prompt.text", "value", "Hello {{name}}");
        String search = "/api/2.0/mlflow/registered-models/search?filter="
                + java.net.URLEncoder.encode("tags.`mlflow.prompt.is_prompt` = 'true'", java.nio.charset.StandardCharsets.UTF_8);

        assertThat(status("reader", "GET", "/api/2.0/mlflow/registered-models/get?name=governed-prompt", null)).isEqualTo(200);
        assertThat(call("reader", "GET", search, null).json(200).path("registered_models").findValuesAsText("name"))
                .contains("governed-prompt");
        assertThat(status("reader", "POST", "/api/2.0/mlflow/registered-models/set-tag", template)).isEqualTo(403);
        assertThat(status("editor", "POST", "/api/2.0/mlflow/registered-models/set-tag", template)).isEqualTo(200);
        assertThat(status("other", "GET", "/api/2.0/mlflow/registered-models/get?name=governed-prompt", null)).isEqualTo(403);
        assertThat(status("other", "GET", "/api/2.0/mlflow/model-versions/get?name=governed-prompt&version=1", null))
                .isEqualTo(403);
        JsonNode hidden = call("other", "GET", search, null).json(200);
        assertThat(hidden.path("registered_models").findValuesAsText("name")).doesNotContain("governed-prompt");
        assertThat(status("editor", "DELETE", "/api/2.0/mlflow/registered-models/delete", Map.of("name", "governed-prompt")))
                .isEqualTo(403);
        // resolving a model URI to its files names the model: READ on it
        for (String uri : new String[] {"models:/governed-prompt/1", "models:/governed-prompt@champion"}) {
            String resolve = "/api/v1/registry/resolve?model_uri=" + java.net.URLEncoder.encode(uri, java.nio.charset.StandardCharsets.UTF_8);
            assertThat(status("other", "GET", resolve, null)).as(uri).isEqualTo(403);
            assertThat(status("reader", "GET", resolve, null)).as(uri + ": allowed, then not found").isIn(400, 404);
        }
    }

    @Test
    void a_deployment_needs_read_on_every_model_it_serves() throws Exception {
        call("creator", "POST", "/api/2.0/mlflow/registered-models/create", Map.of("name", "governed-served")).json(200);
        for (String[] grant : new String[][] {{"reader", "READ"}, {"other", "NO_PERMISSIONS"}}) {
            call("creator", "POST", "/api/2.0/mlflow/registered-models/permissions/create", Map.of("name", "governed-served",
                    "username", grant[0], "permission", grant[1])).ok();
        }
        // everyone holds EDIT by default, so everyone may create deployments: the model decides
        for (Map<String, Object> body : List.<Map<String, Object>>of(
                Map.of("name", "gov-served", "model_uri", "models:/governed-served/1"),
                Map.of("name", "gov-served", "model_uri", "models:/governed-served@champion"),
                Map.of("name", "gov-served", "model_uri", "models:/unrelated/1",
                        "canary", Map.of("model_uri", "models:/governed-served/1", "weight", 10)),
                Map.of("name", "gov-served", "model_uri", "models:/unrelated/1",
                        "shadow", Map.of("model_uri", "models:/governed-served/1")))) {
            TestHttp.Response refused = call("other", "POST", "/api/v1/deployments", body);
            assertThat(refused.status()).as(body.toString()).isEqualTo(403);
            assertThat(refused.errorCode()).isEqualTo("PERMISSION_DENIED");
        }
        // the reader may read the model: the request passes the check and fails only on the missing version
        assertThat(status("reader", "POST", "/api/v1/deployments", Map.of("name", "gov-served",
                "model_uri", "models:/governed-served/1"))).isIn(400, 404);
        assertThat(status("other", "GET", "/api/v1/deployments/gov-served", null)).as("nothing was created").isEqualTo(404);

        // a change of a deployment's model needs READ on the new one; a change that keeps the model does not
        new dev.mlforge.testing.LoggedModels(server).registerModel("gov-iris", java.nio.file.Path.of(
                GovernedResourcesTest.class.getResource("/serving/models/iris_logreg.onnx").toURI()));
        assertThat(new dev.mlforge.testing.LoggedModels(server).deploy("gov-iris", "models:/gov-iris/1").status()).isEqualTo(200);
        assertThat(status("other", "PATCH", "/api/v1/deployments/gov-iris", Map.of("model_uri", "models:/governed-served/1")))
                .isEqualTo(403);
        assertThat(status("other", "PATCH", "/api/v1/deployments/gov-iris", Map.of("shadow",
                Map.of("model_uri", "models:/governed-served/1")))).isEqualTo(403);
        assertThat(status("other", "PATCH", "/api/v1/deployments/gov-iris", Map.of("sticky_header", "x-user"))).isEqualTo(200);
        assertThat(call(Callers.ADMIN, "GET", "/api/v1/deployments/gov-iris", null).json(200).at("/deployment/model_uri").asText())
                .isEqualTo("models:/gov-iris/1");
    }
}
