package dev.mlforge.workspaces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mlforge.events.DriftDetected;
import dev.mlforge.store.WorkspaceContext;
import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.TestHttp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Work no request starts runs in the workspace of what starts it: a schedule of {@code team-b} fired by the scheduler
 * and a drift trigger of a {@code team-b} deployment fired by a drift event (both from a thread with no workspace bound,
 * as the scheduler's and the event bus's) start pipeline runs that {@code team-b} lists and the default workspace does
 * not.
 */
class WorkWithoutRequestTest {
    private static final String PIPELINE = "name: background\nsteps:\n"
            + "  - {name: write, uses: dev.mlforge.pipelines.TestSteps$Write, cache: false, with: {text: hi}}\n";

    @RegisterExtension
    static final ApplicationExtension server = ApplicationExtension.sqlite();


    @BeforeAll
    static void a_deployment_in_team_b() throws Exception {
        server.http().post("/api/3.0/mlflow/workspaces", Map.of("name", "team-b")).json(201);
        String experiment = server.http().in("team-b", "POST", "/api/2.0/mlflow/experiments/create", Map.of("name", "b-exp")).json(200)
                .path("experiment_id").asText();
        String run = server.http().in("team-b", "POST", "/api/2.0/mlflow/runs/create", Map.of("experiment_id", experiment)).json(200)
                .at("/run/info/run_id").asText();
        server.http().send("PUT", "/api/2.0/mlflow-artifacts/artifacts/" + experiment + "/" + run
                + "/artifacts/model/iris_logreg.onnx", "application/octet-stream", Files.readAllBytes(Path.of(
                WorkWithoutRequestTest.class.getResource("/serving/models/iris_logreg.onnx").toURI())),
                WorkspaceContext.HEADER, "team-b").ok();
        server.http().in("team-b", "POST", "/api/2.0/mlflow/registered-models/create", Map.of("name", "b-iris")).ok();
        server.http().in("team-b", "POST", "/api/2.0/mlflow/model-versions/create", Map.of("name", "b-iris", "source", "runs:/" + run
                + "/model", "run_id", run)).ok();
        server.http().in("team-b", "POST", "/api/v1/deployments", Map.of("name", "b-dep", "model_uri", "models:/b-iris/1")).ok();
    }

    private static List<String> triggersOfRuns(String workspace) {
        List<String> triggers = new ArrayList<>();
        server.http().in(workspace, "GET", "/api/v1/pipelines/runs", null).json(200).path("runs")
                .forEach(run -> triggers.add(run.path("trigger").asText()));
        return triggers;
    }

    @Test
    void a_scheduled_run_lives_in_its_schedules_workspace() {
        server.http().in("team-b", "POST", "/api/v1/pipelines/schedules", Map.of("name", "b-every", "cron", "* * * * *", "pipeline",
                PIPELINE)).json(201);
        server.application().database().write(handle -> handle
                .createUpdate("UPDATE pipeline_schedules SET next_fire_at = 0 WHERE name = 'b-every'").execute());
        server.application().pipelines().scheduler().tick(); // or the scheduler's own thread, whichever claims it first

        await().atMost(Duration.ofSeconds(30)).until(() -> triggersOfRuns("team-b").contains("schedule:b-every"));
        assertThat(triggersOfRuns(WorkspaceContext.DEFAULT)).doesNotContain("schedule:b-every");
    }

    @Test
    void a_drift_triggered_run_lives_in_its_deployments_workspace() {
        server.http().in("team-b", "POST", "/api/v1/pipelines/triggers", Map.of("deployment", "b-dep", "pipeline", PIPELINE)).json(201);
        Instant now = Instant.now();
        server.application().events().publish(new DriftDetected("m1", "b-dep", 0.8, List.of("x"), now, "ref", now));

        await().atMost(Duration.ofSeconds(30)).until(() -> triggersOfRuns("team-b").contains("drift:b-dep"));
        assertThat(triggersOfRuns(WorkspaceContext.DEFAULT)).doesNotContain("drift:b-dep");
    }
}
