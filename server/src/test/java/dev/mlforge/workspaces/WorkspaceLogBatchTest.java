package dev.mlforge.workspaces;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlforge.store.WorkspaceContext;
import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.TestHttp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With several workspaces, log-batch's workspace check reads the run from the route's own parse of the body (the door
 * does not scan it first): a run of another workspace is still answered 404 before anything is written, wherever the
 * body names it (after a thousand metrics, in camelCase), and a run of the request's workspace is written.
 */
class WorkspaceLogBatchTest {
    @RegisterExtension
    static final ApplicationExtension server = ApplicationExtension.sqlite();

    private static String defaultRun;
    private static String teamBRun;


    private static String runIn(String workspace) {
        String experiment = server.http().in(workspace, "POST", "/api/2.0/mlflow/experiments/create", Map.of("name", workspace + "-exp"))
                .json(200).path("experiment_id").asText();
        return server.http().in(workspace, "POST", "/api/2.0/mlflow/runs/create", Map.of("experiment_id", experiment)).json(200)
                .at("/run/info/run_id").asText();
    }

    @BeforeAll
    static void runs_in_two_workspaces() {
        server.http().post("/api/3.0/mlflow/workspaces", Map.of("name", "team-b")).json(201);
        defaultRun = runIn(WorkspaceContext.DEFAULT);
        teamBRun = runIn("team-b");
    }

    /** A thousand metrics named {@code key}, as a JSON list. */
    private static String metrics(String key) {
        return IntStream.range(0, 1000).mapToObj(step -> "{\"key\":\"" + key + "\",\"value\":" + step
                + ".5,\"timestamp\":1700000000000,\"step\":" + step + "}").collect(Collectors.joining(",", "[", "]"));
    }

    private static List<String> metricKeys(String workspace, String run) {
        List<String> keys = new ArrayList<>();
        server.http().in(workspace, "GET", "/api/2.0/mlflow/runs/get?run_id=" + run, null).json(200).at("/run/data/metrics")
                .forEach(metric -> keys.add(metric.path("key").asText()));
        return keys;
    }

    @Test
    void a_run_of_the_workspace_named_after_the_metrics_is_written() {
        server.http().in("team-b", "POST", "/api/2.0/mlflow/runs/log-batch", "{\"metrics\":" + metrics("own") + ",\"run_id\":\""
                + teamBRun + "\"}").ok();

        assertThat(metricKeys("team-b", teamBRun)).containsExactly("own");
    }

    @Test
    void a_run_of_another_workspace_named_after_the_metrics_is_not_found_and_nothing_is_written() {
        TestHttp.Response refused = server.http().in("team-b", "POST", "/api/2.0/mlflow/runs/log-batch", "{\"metrics\":"
                + metrics("foreign") + ",\"run_id\":\"" + defaultRun + "\"}");
        TestHttp.Response camel = server.http().in("team-b", "POST", "/api/2.0/mlflow/runs/log-batch", "{\"metrics\":"
                + metrics("camel") + ",\"runId\":\"" + defaultRun + "\"}");

        assertThat(refused.json(404).path("error_code").asText()).isEqualTo("RESOURCE_DOES_NOT_EXIST");
        assertThat(camel.status()).isEqualTo(404);
        assertThat(metricKeys(WorkspaceContext.DEFAULT, defaultRun)).doesNotContain("foreign", "camel");
    }
}
