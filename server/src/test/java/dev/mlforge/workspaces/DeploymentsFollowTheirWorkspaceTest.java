package dev.mlforge.workspaces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mlforge.events.Event;
import dev.mlforge.store.WorkspaceContext;
import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.TestHttp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A deployment following an alias or a stage reloads on the registry events of its own workspace only: two workspaces
 * each hold a model {@code iris} and a deployment of {@code models:/iris@champion} (or {@code .../Production});
 * {@code default}'s alias (stage) is moved in the store behind the server's back, as a server sharing the store
 * would, then {@code team-b}'s is moved through the API. {@code team-b}'s deployment follows its own move; the event of
 * {@code team-b} does not make {@code default}'s deployment reload (it follows its move with the cluster poll).
 */
class DeploymentsFollowTheirWorkspaceTest {
    @RegisterExtension
    final ApplicationExtension server = ApplicationExtension.sqlite();

    /** An event only this test publishes: delivered after whatever the bus was handling before it. */
    record Marker(Instant time) implements Event {}


    /** A model {@code iris} with two versions, version 1 as {@code champion} and in Production, and the deployment. */
    private void modelAndDeployment(String workspace, String deployment, String modelUri) throws Exception {
        String experiment = server.http().in(workspace, "POST", "/api/2.0/mlflow/experiments/create", Map.of("name", workspace + "-exp"))
                .json(200).path("experiment_id").asText();
        String run = server.http().in(workspace, "POST", "/api/2.0/mlflow/runs/create", Map.of("experiment_id", experiment)).json(200)
                .at("/run/info/run_id").asText();
        server.http().send("PUT", "/api/2.0/mlflow-artifacts/artifacts/" + experiment + "/" + run
                + "/artifacts/model/iris_logreg.onnx", "application/octet-stream", Files.readAllBytes(Path.of(
                getClass().getResource("/serving/models/iris_logreg.onnx").toURI())), WorkspaceContext.HEADER, workspace).ok();
        server.http().in(workspace, "POST", "/api/2.0/mlflow/registered-models/create", Map.of("name", "iris")).ok();
        for (int version = 1; version <= 2; version++) {
            server.http().in(workspace, "POST", "/api/2.0/mlflow/model-versions/create", Map.of("name", "iris", "source", "runs:/" + run
                    + "/model", "run_id", run)).ok();
        }
        server.http().in(workspace, "POST", "/api/2.0/mlflow/registered-models/alias", Map.of("name", "iris", "alias", "champion",
                "version", "1")).ok();
        server.http().in(workspace, "POST", "/api/2.0/mlflow/model-versions/transition-stage", Map.of("name", "iris", "version", "1",
                "stage", "Production", "archive_existing_versions", false)).ok();
        server.http().in(workspace, "POST", "/api/v1/deployments", Map.of("name", deployment, "model_uri", modelUri)).ok();
        await().atMost(Duration.ofSeconds(60)).until(() -> served(workspace, deployment) != null);
    }

    private String served(String workspace, String deployment) {
        return server.http().in(workspace, "GET", "/api/v1/deployments/" + deployment, null).json(200).at("/deployment/versions/primary")
                .asText(null);
    }

    /** Waits until the event bus handled everything published before now. */
    private void eventsHandled() throws Exception {
        List<Event> seen = new CopyOnWriteArrayList<>();
        Marker marker = new Marker(Instant.now());
        try (AutoCloseable subscription = server.application().events().subscribe(Marker.class, seen::add)) {
            server.application().events().publish(marker);
            await().atMost(Duration.ofSeconds(30)).until(() -> seen.contains(marker));
        }
    }

    private void behindTheServersBack(String sql) {
        server.application().database().write(handle -> handle.createUpdate(sql).execute());
    }

    /**
     * Both workspaces deploy {@code modelUri}; {@code default}'s moves to version 2 in the store ({@code sqlMove}),
     * team-b's through {@code path} with {@code body}: team-b's deployment follows, default's keeps version 1.
     */
    private void movedInTeamBOnly(String suffix, String modelUri, String sqlMove, String path, Map<String, Object> body)
            throws Exception {
        server.http().post("/api/3.0/mlflow/workspaces", Map.of("name", "team-b")).json(201);
        modelAndDeployment(WorkspaceContext.DEFAULT, "a-" + suffix, modelUri);
        modelAndDeployment("team-b", "b-" + suffix, modelUri);
        assertThat(served(WorkspaceContext.DEFAULT, "a-" + suffix)).isEqualTo("1");

        behindTheServersBack(sqlMove + " (SELECT id FROM registered_models WHERE name = 'iris' AND workspace = 'default')");
        server.http().in("team-b", "POST", path, body).ok();

        await().atMost(Duration.ofSeconds(60)).until(() -> "2".equals(served("team-b", "b-" + suffix)));
        eventsHandled();
        assertThat(served(WorkspaceContext.DEFAULT, "a-" + suffix)).isEqualTo("1");
    }

    @Test
    void an_alias_moved_in_another_workspace_does_not_reload_a_deployment() throws Exception {
        movedInTeamBOnly("champion", "models:/iris@champion",
                "UPDATE registered_model_aliases SET version = 2 WHERE alias = 'champion' AND model_id =",
                "/api/2.0/mlflow/registered-models/alias", Map.of("name", "iris", "alias", "champion", "version", "2"));
    }

    @Test
    void a_stage_moved_in_another_workspace_does_not_reload_a_deployment() throws Exception {
        movedInTeamBOnly("production", "models:/iris/Production",
                "UPDATE model_versions SET current_stage = CASE version WHEN 2 THEN 'Production' ELSE 'Archived' END"
                        + " WHERE model_id =",
                "/api/2.0/mlflow/model-versions/transition-stage", Map.of("name", "iris", "version", "2",
                        "stage", "Production", "archive_existing_versions", true));
    }
}
