package dev.mlforge.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlforge.store.WorkspaceContext;
import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.TestHttp;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The pages of one resource, opened by URL, stay in the page's workspace: an experiment, a run and a dataset of
 * {@code team-b} answer 404 (as the API does) on a page working in {@code default}, and 200 on one working in
 * {@code team-b}.
 */
class WorkspacePagesByUrlTest {
    @RegisterExtension
    static final ApplicationExtension server = ApplicationExtension.sqlite();

    private static String experiment;
    private static String run;

    private static TestHttp.Response inTeamB(String method, String path, String contentType, Object body) {
        return server.http().send(method, path, contentType, body, WorkspaceContext.HEADER, "team-b");
    }

    @BeforeAll
    static void resources_of_team_b() {
        server.http().post("/api/3.0/mlflow/workspaces", Map.of("name", "team-b")).json(201);
        experiment = inTeamB("POST", "/api/2.0/mlflow/experiments/create", "application/json", Map.of("name", "b-exp"))
                .json(200).path("experiment_id").asText();
        run = inTeamB("POST", "/api/2.0/mlflow/runs/create", "application/json", Map.of("experiment_id", experiment))
                .json(200).at("/run/info/run_id").asText();
        inTeamB("POST", "/api/v1/datasets?name=b-data", "text/csv", "a,b\n1,2\n").ok();
    }

    private static int page(String path, String workspace) {
        return server.http().send("GET", path + "?workspace=" + workspace, null, null).status();
    }

    @Test
    void another_workspaces_resources_are_not_found_by_url() {
        for (String path : new String[] {"/ui/experiments/" + experiment, "/ui/runs/" + run, "/ui/datasets/b-data"}) {
            assertThat(page(path, WorkspaceContext.DEFAULT)).as(path + " from default").isEqualTo(404);
            assertThat(page(path, "team-b")).as(path + " from team-b").isEqualTo(200);
        }
    }
}
