package dev.mlforge.workspaces;

import dev.mlforge.store.WorkspaceContext;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.TestHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Migration V17 and the workspace SQL on PostgreSQL: rows from before are in 'default', new ones where created. */
class WorkspacesOnPostgresTest {
    @RegisterExtension
    static final ApplicationExtension server = ApplicationExtension.postgres();

    @Test
    void resources_live_in_their_workspace_on_postgresql() {
        TestHttp http = server.http();
        http.post("/api/3.0/mlflow/workspaces", "{\"name\":\"pg-team\"}").json(201);
        String id = http.send("POST", "/api/2.0/mlflow/experiments/create", "application/json", "{\"name\":\"pg-experiment\"}",
                WorkspaceContext.HEADER, "pg-team").json(200).path("experiment_id").asText();
        http.send("POST", "/api/3.0/mlflow/workspaces/pg-team/permissions", "application/json",
                "{\"username\":\"pat\",\"permission\":\"EDIT\"}").ok();

        assertThat(http.get("/api/2.0/mlflow/experiments/get?experiment_id=" + id).status()).isEqualTo(404);
        assertThat(http.get("/api/2.0/mlflow/experiments/get?experiment_id=0").status()).isEqualTo(200);
        assertThat(http.get("/api/3.0/mlflow/workspaces/pg-team/permissions").json(200).path("permissions")
                .findValuesAsText("permission")).containsExactly("EDIT");
        String workspaceOfDefault = server.application().database().read(handle -> handle.createQuery(
                "SELECT workspace FROM experiments WHERE experiment_id = 0").mapTo(String.class).one());
        assertThat(workspaceOfDefault).isEqualTo("default");
        assertThat(http.delete("/api/3.0/mlflow/workspaces/pg-team").status()).isEqualTo(400);
    }
}
