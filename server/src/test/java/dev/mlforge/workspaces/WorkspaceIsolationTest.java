package dev.mlforge.workspaces;

import dev.mlforge.store.WorkspaceContext;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.TestHttp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two workspaces with their own members and resources, over real HTTP with basic authentication: a member of one
 * never sees, reads, searches or changes the other's experiments, runs, registered models and deployments (404 as if
 * absent, 403 when naming the other workspace), a per-resource grant overrides the workspace role, and a table of the
 * main routes gives the status each kind of caller gets.
 */
class WorkspaceIsolationTest {
    private static final String ADMIN = "admin";
    private static final String ADMIN_PASSWORD = "admin-password-1";

    @RegisterExtension
    static final ApplicationExtension server = ApplicationExtension.sqlite().withBasicAuth(ADMIN, ADMIN_PASSWORD);

    private static String aExperiment;
    private static String aRun;
    private static String bExperiment;
    private static String bRun;

    /** A caller: user name (null for anonymous) and the workspace its requests name. */
    private record Caller(String user, String workspace) {
        TestHttp.Response send(String method, String path, String body) {
            return send(method, path, body == null ? null : "application/json", body == null ? null : body.getBytes(StandardCharsets.UTF_8));
        }

        TestHttp.Response send(String method, String path, String contentType, byte[] body) {
            List<String> headers = new ArrayList<>(List.of(WorkspaceContext.HEADER, workspace));
            if (user != null) {
                String password = user.equals(ADMIN) ? ADMIN_PASSWORD : user + "-password";
                headers.addAll(List.of("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (user + ":" + password).getBytes(StandardCharsets.UTF_8))));
            }
            TestHttp anonymous = new TestHttp(server.baseUrl());
            return anonymous.send(method, path, contentType, body, headers.toArray(String[]::new));
        }

        Caller in(String other) {
            return new Caller(user, other);
        }
    }

    private static final Caller ADMIN_A = new Caller(ADMIN, "team-a");
    private static final Caller ADMIN_B = new Caller(ADMIN, "team-b");
    private static final Caller READER = new Caller("rita", "team-a");
    private static final Caller EDITOR = new Caller("alice", "team-a");
    private static final Caller MANAGER = new Caller("mona", "team-a");
    private static final Caller OTHER = new Caller("bob", "team-b");

    @BeforeAll
    static void two_workspaces() throws Exception {
        for (String user : List.of("rita", "alice", "mona", "bob", "nina")) {
            server.http().post("/api/2.0/mlflow/users/create", "{\"username\":\"" + user + "\",\"password\":\"" + user
                    + "-password\"}").ok();
        }
        for (String workspace : List.of("team-a", "team-b")) {
            assertThat(ADMIN_A.send("POST", "/api/3.0/mlflow/workspaces", "{\"name\":\"" + workspace + "\"}").status()).isEqualTo(201);
        }
        member("team-a", "rita", "READ");
        member("team-a", "alice", "EDIT");
        member("team-a", "mona", "MANAGE");
        member("team-b", "bob", "EDIT");
        aExperiment = experiment(ADMIN_A, "a-experiment");
        bExperiment = experiment(ADMIN_B, "b-experiment");
        aRun = run(ADMIN_A, aExperiment);
        bRun = run(ADMIN_B, bExperiment);
        ADMIN_A.send("POST", "/api/2.0/mlflow/registered-models/create", "{\"name\":\"a-model\"}").ok();
        ADMIN_B.send("POST", "/api/2.0/mlflow/registered-models/create", "{\"name\":\"b-model\"}").ok();
        // the deployment's model lives in its workspace: a model URI names the deployment's workspace's models
        String irisRun = run(ADMIN_B, bExperiment);
        byte[] onnx = Files.readAllBytes(Path.of(WorkspaceIsolationTest.class.getResource("/serving/models/iris_logreg.onnx").toURI()));
        ADMIN_B.send("PUT", "/api/2.0/mlflow-artifacts/artifacts/" + bExperiment + "/" + irisRun
                + "/artifacts/model/iris_logreg.onnx", null, onnx).ok();
        ADMIN_B.send("POST", "/api/2.0/mlflow/registered-models/create", "{\"name\":\"ws-iris\"}").ok();
        ADMIN_B.send("POST", "/api/2.0/mlflow/model-versions/create", "{\"name\":\"ws-iris\",\"source\":\"runs:/" + irisRun
                + "/model\",\"run_id\":\"" + irisRun + "\"}").ok();
        ADMIN_B.send("POST", "/api/v1/deployments", "{\"name\":\"b-iris\",\"model_uri\":\"models:/ws-iris/1\"}").ok();
    }

    private static void member(String workspace, String user, String permission) {
        ADMIN_A.send("POST", "/api/3.0/mlflow/workspaces/" + workspace + "/permissions", "{\"username\":\"" + user
                + "\",\"permission\":\"" + permission + "\"}").ok();
    }

    private static String experiment(Caller caller, String name) {
        return caller.send("POST", "/api/2.0/mlflow/experiments/create", "{\"name\":\"" + name + "\"}").json(200)
                .path("experiment_id").asText();
    }

    private static String run(Caller caller, String experimentId) {
        return caller.send("POST", "/api/2.0/mlflow/runs/create", "{\"experiment_id\":\"" + experimentId + "\"}").json(200)
                .path("run").path("info").path("run_id").asText();
    }

    @Test
    void a_member_of_one_workspace_finds_nothing_of_the_other() {
        assertThat(EDITOR.send("GET", "/api/2.0/mlflow/experiments/get?experiment_id=" + bExperiment, null).errorCode())
                .isEqualTo("RESOURCE_DOES_NOT_EXIST");
        assertThat(EDITOR.send("GET", "/api/2.0/mlflow/experiments/get-by-name?experiment_name=b-experiment", null).status())
                .isEqualTo(404);
        assertThat(EDITOR.send("GET", "/api/2.0/mlflow/runs/get?run_id=" + bRun, null).errorCode())
                .isEqualTo("RESOURCE_DOES_NOT_EXIST");
        assertThat(EDITOR.send("POST", "/api/2.0/mlflow/runs/search", "{\"experiment_ids\":[\"" + bExperiment + "\"]}")
                .status()).isEqualTo(404);
        assertThat(EDITOR.send("GET", "/api/2.0/mlflow/registered-models/get?name=b-model", null).status()).isEqualTo(404);
        assertThat(EDITOR.send("GET", "/api/v1/deployments/b-iris", null).status()).isEqualTo(404);
        assertThat(EDITOR.send("POST", "/v2/models/b-iris/infer", "{\"inputs\":[]}").status()).isEqualTo(404);

        JsonNode experiments = EDITOR.send("POST", "/api/2.0/mlflow/experiments/search", "{\"max_results\":1000}").json(200);
        JsonNode models = EDITOR.send("GET", "/api/2.0/mlflow/registered-models/search", null).json(200);
        JsonNode versions = EDITOR.send("GET", "/api/2.0/mlflow/model-versions/search", null).json(200);
        JsonNode deployments = EDITOR.send("GET", "/api/v1/deployments", null).json(200);
        assertThat(experiments.path("experiments").findValuesAsText("name")).contains("a-experiment")
                .doesNotContain("b-experiment", "Default");
        assertThat(models.path("registered_models").findValuesAsText("name")).contains("a-model").doesNotContain("b-model");
        assertThat(versions.has("model_versions")).isFalse();
        assertThat(deployments.path("deployments").findValuesAsText("name")).isEmpty();
        assertThat(ADMIN_B.send("GET", "/api/v1/deployments", null).json(200).path("deployments").findValuesAsText("name"))
                .containsExactly("b-iris");
    }

    @Test
    void a_member_of_one_workspace_changes_nothing_of_the_other() {
        TestHttp.Response metric = EDITOR.send("POST", "/api/2.0/mlflow/runs/log-metric", "{\"run_id\":\"" + bRun
                + "\",\"key\":\"forged\",\"value\":1,\"timestamp\":1,\"step\":0}");
        TestHttp.Response rename = EDITOR.send("POST", "/api/2.0/mlflow/registered-models/rename",
                "{\"name\":\"b-model\",\"new_name\":\"stolen\"}");
        TestHttp.Response delete = EDITOR.send("DELETE", "/api/v1/deployments/b-iris", null);
        TestHttp.Response newRun = EDITOR.send("POST", "/api/2.0/mlflow/runs/create", "{\"experiment_id\":\"" + bExperiment + "\"}");

        assertThat(List.of(metric.status(), rename.status(), delete.status(), newRun.status())).containsOnly(404);
        assertThat(ADMIN_B.send("GET", "/api/2.0/mlflow/runs/get?run_id=" + bRun, null).json(200)
                .at("/run/data/metrics").findValuesAsText("key")).doesNotContain("forged");
        assertThat(ADMIN_B.send("GET", "/api/2.0/mlflow/registered-models/get?name=b-model", null).status()).isEqualTo(200);
        assertThat(ADMIN_B.send("GET", "/api/v1/deployments/b-iris", null).status()).isEqualTo(200);
    }

    @Test
    void traces_and_transition_requests_of_the_other_workspace_are_not_found() {
        String trace = ADMIN_B.send("POST", "/api/2.0/mlflow/traces", "{\"experiment_id\":\"" + bExperiment
                + "\",\"timestamp_ms\":1000}").json(200).at("/trace_info/request_id").asText();
        String search = "{\"locations\":[{\"type\":\"MLFLOW_EXPERIMENT\",\"mlflow_experiment\":{\"experiment_id\":\""
                + bExperiment + "\"}}]}";
        ADMIN_B.send("POST", "/api/2.0/mlflow/model-versions/create", "{\"name\":\"b-model\",\"source\":\"runs:/" + bRun
                + "/model\",\"run_id\":\"" + bRun + "\"}").ok();
        String request = ADMIN_B.send("POST", "/api/v1/registry/transition-requests",
                "{\"name\":\"b-model\",\"version\":\"1\",\"alias\":\"champion\"}").json(201).path("id").asText();

        assertThat(ADMIN_B.send("GET", "/api/3.0/mlflow/traces/" + trace, null).status()).isEqualTo(200);
        assertThat(ADMIN_B.send("POST", "/api/3.0/mlflow/traces/search", search).json(200).path("traces")).hasSize(1);
        for (Caller caller : List.of(EDITOR, ADMIN_A)) {
            assertThat(caller.send("GET", "/api/3.0/mlflow/traces/" + trace, null).status()).as(caller.user()).isEqualTo(404);
            assertThat(caller.send("GET", "/api/2.0/mlflow/traces/" + trace + "/info", null).status()).isEqualTo(404);
            assertThat(caller.send("PATCH", "/api/3.0/mlflow/traces/" + trace + "/tags", "{\"key\":\"k\",\"value\":\"v\"}")
                    .status()).isEqualTo(404);
            assertThat(caller.send("POST", "/api/3.0/mlflow/traces/search", search).status()).isEqualTo(404);
            assertThat(caller.send("GET", "/api/v1/registry/transition-requests/" + request, null).status()).isEqualTo(404);
            assertThat(caller.send("POST", "/api/v1/registry/transition-requests/" + request + "/approve", "{}").status())
                    .isEqualTo(404);
            assertThat(caller.send("POST", "/api/v1/registry/transition-requests",
                    "{\"name\":\"b-model\",\"version\":\"1\",\"alias\":\"forged\"}").status()).isEqualTo(404);
            assertThat(caller.send("GET", "/api/v1/registry/transition-requests?name=b-model", null).status()).isEqualTo(404);
            assertThat(caller.send("GET", "/api/v1/registry/transition-requests", null).json(200).path("transition_requests")
                    .findValuesAsText("name")).doesNotContain("b-model");
        }
        assertThat(ADMIN_B.send("GET", "/api/v1/registry/transition-requests", null).json(200).path("transition_requests")
                .findValuesAsText("name")).containsExactly("b-model");
        assertThat(ADMIN_B.send("GET", "/api/v1/registry/transition-requests/" + request, null).json(200).path("status")
                .asText()).isEqualTo("PENDING");
    }

    @Test
    void a_user_naming_a_workspace_they_are_not_a_member_of_is_refused() {
        TestHttp.Response refused = EDITOR.in("team-b").send("POST", "/api/2.0/mlflow/experiments/search", "{}");

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.errorCode()).isEqualTo("PERMISSION_DENIED");
        assertThat(EDITOR.in("team-b").send("GET", "/api/3.0/mlflow/workspaces/team-b", null).status()).isEqualTo(403);
        assertThat(EDITOR.in("no-such-team").send("POST", "/api/2.0/mlflow/experiments/search", "{}").status()).isEqualTo(404);
    }

    @Test
    void what_an_editor_creates_lands_in_the_workspace_the_request_names_a_reader_creates_nothing() {
        String created = experiment(EDITOR, "alice-experiment");

        assertThat(ADMIN_A.send("GET", "/api/2.0/mlflow/experiments/get?experiment_id=" + created, null).status()).isEqualTo(200);
        assertThat(ADMIN_A.in("default").send("GET", "/api/2.0/mlflow/experiments/get?experiment_id=" + created, null)
                .status()).isEqualTo(404);
        assertThat(OTHER.send("POST", "/api/2.0/mlflow/experiments/search", "{\"max_results\":1000}").json(200)
                .path("experiments").findValuesAsText("name")).containsExactly("b-experiment");
        assertThat(READER.send("POST", "/api/2.0/mlflow/experiments/create", "{\"name\":\"rita-experiment\"}").status())
                .isEqualTo(403);
    }

    @Test
    void a_per_resource_grant_overrides_the_workspace_role() {
        String granted = experiment(ADMIN_A, "granted-experiment");
        ADMIN_A.send("POST", "/api/2.0/mlflow/registered-models/create", "{\"name\":\"hidden-model\"}").ok();
        String tag = "{\"experiment_id\":\"" + granted + "\",\"key\":\"k\",\"value\":\"v\"}";
        assertThat(READER.send("POST", "/api/2.0/mlflow/experiments/set-experiment-tag", tag).status()).isEqualTo(403);
        assertThat(EDITOR.send("GET", "/api/2.0/mlflow/registered-models/get?name=hidden-model", null).status()).isEqualTo(200);

        ADMIN_A.send("POST", "/api/2.0/mlflow/experiments/permissions/create", "{\"experiment_id\":\"" + granted
                + "\",\"username\":\"rita\",\"permission\":\"EDIT\"}").ok();
        ADMIN_A.send("POST", "/api/2.0/mlflow/registered-models/permissions/create",
                "{\"name\":\"hidden-model\",\"username\":\"alice\",\"permission\":\"NO_PERMISSIONS\"}").ok();

        assertThat(READER.send("POST", "/api/2.0/mlflow/experiments/set-experiment-tag", tag).status()).isEqualTo(200);
        assertThat(EDITOR.send("GET", "/api/2.0/mlflow/registered-models/get?name=hidden-model", null).status()).isEqualTo(403);
        assertThat(EDITOR.send("GET", "/api/2.0/mlflow/registered-models/search", null).json(200).path("registered_models")
                .findValuesAsText("name")).doesNotContain("hidden-model");
    }

    @Test
    void managers_and_administrators_manage_members_others_do_not() {
        assertThat(MANAGER.send("POST", "/api/3.0/mlflow/workspaces/team-a/permissions",
                "{\"username\":\"nina\",\"permission\":\"READ\"}").json(200).at("/permission/permission").asText()).isEqualTo("READ");
        assertThat(EDITOR.send("POST", "/api/3.0/mlflow/workspaces/team-a/permissions",
                "{\"username\":\"nina\",\"permission\":\"MANAGE\"}").status()).isEqualTo(403);
        assertThat(OTHER.send("GET", "/api/3.0/mlflow/workspaces/team-a/permissions", null).status()).isEqualTo(403);
        assertThat(MANAGER.send("GET", "/api/3.0/mlflow/workspaces/team-a/permissions", null).json(200).path("permissions")
                .findValuesAsText("username")).contains("alice", "mona", "nina", "rita");
        assertThat(new Caller("nina", "team-a").send("GET", "/api/3.0/mlflow/workspace-permissions", null).json(200)
                .path("permissions").findValuesAsText("workspace")).containsExactly("team-a");
        assertThat(MANAGER.send("DELETE", "/api/3.0/mlflow/workspaces/team-a/permissions?username=nina", null).status())
                .isEqualTo(200);
        assertThat(new Caller("nina", "team-a").send("POST", "/api/2.0/mlflow/experiments/search", "{}").status())
                .isEqualTo(403);
    }

    @Test
    void each_user_lists_the_default_workspace_and_their_own_administrators_all() {
        assertThat(OTHER.send("GET", "/api/3.0/mlflow/workspaces", null).json(200).path("workspaces")
                .findValuesAsText("name")).containsExactly("default", "team-b");
        assertThat(ADMIN_A.send("GET", "/api/3.0/mlflow/workspaces", null).json(200).path("workspaces")
                .findValuesAsText("name")).contains("default", "team-a", "team-b");
    }

    /** One row: a request in team-a and the status for anonymous, reader, editor, manager, admin, other-workspace member. */
    private record Row(String method, String path, String body, int... expected) {}

    @Test
    void each_caller_gets_the_status_its_workspace_role_allows_on_the_main_routes() {
        String tag = "{\"experiment_id\":\"" + aExperiment + "\",\"key\":\"t\",\"value\":\"v\"}";
        List<Row> rows = List.of(
                new Row("GET", "/api/2.0/mlflow/experiments/get?experiment_id=" + aExperiment, null, 401, 200, 200, 200, 200, 403),
                new Row("GET", "/api/2.0/mlflow/experiments/get?experiment_id=" + bExperiment, null, 401, 404, 404, 404, 404, 403),
                new Row("POST", "/api/2.0/mlflow/experiments/search", "{}", 401, 200, 200, 200, 200, 403),
                new Row("GET", "/api/2.0/mlflow/runs/get?run_id=" + aRun, null, 401, 200, 200, 200, 200, 403),
                new Row("POST", "/api/2.0/mlflow/runs/log-metric", "{\"run_id\":\"" + aRun
                        + "\",\"key\":\"m\",\"value\":1,\"timestamp\":1,\"step\":0}", 401, 403, 200, 200, 200, 403),
                new Row("POST", "/api/2.0/mlflow/runs/log-metric", "{\"run_id\":\"" + bRun
                        + "\",\"key\":\"m\",\"value\":1,\"timestamp\":1,\"step\":0}", 401, 404, 404, 404, 404, 403),
                new Row("POST", "/api/2.0/mlflow/runs/search", "{\"experiment_ids\":[\"" + aExperiment + "\"]}", 401, 200, 200, 200, 200, 403),
                new Row("POST", "/api/2.0/mlflow/experiments/set-experiment-tag", tag, 401, 403, 200, 200, 200, 403),
                new Row("GET", "/api/2.0/mlflow/registered-models/get?name=a-model", null, 401, 200, 200, 200, 200, 403),
                new Row("GET", "/api/2.0/mlflow/registered-models/get?name=b-model", null, 401, 404, 404, 404, 404, 403),
                new Row("POST", "/api/2.0/mlflow/registered-models/set-tag", "{\"name\":\"a-model\",\"key\":\"k\",\"value\":\"v\"}",
                        401, 403, 200, 200, 200, 403),
                new Row("GET", "/api/v1/deployments", null, 401, 200, 200, 200, 200, 403),
                new Row("GET", "/api/v1/deployments/b-iris", null, 401, 404, 404, 404, 404, 403),
                new Row("GET", "/api/3.0/mlflow/workspaces/team-a/permissions", null, 401, 403, 403, 200, 200, 403),
                new Row("POST", "/api/3.0/mlflow/workspaces", "{\"name\":\"team-c\"}", 401, 403, 403, 403, 201, 403));
        List<String> callers = List.of("anonymous", "reader", "editor", "manager", "admin", "other");
        List<Caller> as = List.of(new Caller(null, "team-a"), READER, EDITOR, MANAGER, ADMIN_A, OTHER.in("team-a"));
        List<String> mismatches = new ArrayList<>();
        for (Row row : rows) {
            for (int i = 0; i < as.size(); i++) {
                int status = as.get(i).send(row.method(), row.path(), row.body()).status();
                if (status != row.expected()[i]) {
                    mismatches.add(row.method() + " " + row.path() + " as " + callers.get(i) + ": expected "
                            + row.expected()[i] + ", got " + status);
                }
            }
        }
        assertThat(mismatches).isEmpty();
    }
}
