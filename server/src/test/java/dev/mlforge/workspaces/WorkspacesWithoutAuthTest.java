package dev.mlforge.workspaces;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.TestHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With {@code auth.mode=none} workspaces are namespaces only: whatever workspace the header names is the caller's,
 * resources stay in the workspace they were created in, and MLflow's workspace routes answer with MLflow's statuses.
 */
class WorkspacesWithoutAuthTest {
    @RegisterExtension
    static final ApplicationExtension server = ApplicationExtension.sqlite();


    @Test
    void the_header_names_the_namespace_of_what_is_created_and_found() {
        server.http().in("", "POST", "/api/3.0/mlflow/workspaces", "{\"name\":\"lab\",\"description\":\"the lab\"}").json(201);
        String id = server.http().in("lab", "POST", "/api/2.0/mlflow/experiments/create", "{\"name\":\"lab-experiment\"}").json(200)
                .path("experiment_id").asText();

        assertThat(server.http().in("lab", "GET", "/api/2.0/mlflow/experiments/get?experiment_id=" + id, null).status()).isEqualTo(200);
        assertThat(server.http().get("/api/2.0/mlflow/experiments/get?experiment_id=" + id).errorCode())
                .isEqualTo("RESOURCE_DOES_NOT_EXIST");
        assertThat(server.http().post("/api/2.0/mlflow/experiments/search", "{\"max_results\":1000}").json(200)
                .path("experiments").findValuesAsText("name")).contains("Default").doesNotContain("lab-experiment");
        assertThat(server.http().in("lab", "POST", "/api/2.0/mlflow/experiments/search", "{\"max_results\":1000}").json(200)
                .path("experiments").findValuesAsText("name")).containsExactly("lab-experiment");
        assertThat(server.http().get("/api/3.0/mlflow/workspaces").json(200).path("workspaces").findValuesAsText("name"))
                .contains("default", "lab");
    }

    @Test
    void workspaces_are_created_changed_and_deleted_with_mlflows_answers() {
        assertThat(server.http().post("/api/3.0/mlflow/workspaces", "{\"name\":\"scratch\"}").json(201)
                .at("/workspace/name").asText()).isEqualTo("scratch");
        assertThat(server.http().post("/api/3.0/mlflow/workspaces", "{\"name\":\"scratch\"}").errorCode())
                .isEqualTo("RESOURCE_ALREADY_EXISTS");
        assertThat(server.http().post("/api/3.0/mlflow/workspaces", "{\"name\":\"Not_Valid\"}").errorCode())
                .isEqualTo("INVALID_PARAMETER_VALUE");
        assertThat(server.http().patch("/api/3.0/mlflow/workspaces/scratch", "{\"description\":\"temporary\"}").json(200)
                .at("/workspace/description").asText()).isEqualTo("temporary");
        assertThat(server.http().get("/api/3.0/mlflow/server-info").json(200).path("workspaces_enabled").asBoolean()).isTrue();

        server.http().in("scratch", "POST", "/api/2.0/mlflow/registered-models/create", "{\"name\":\"scratch-model\"}").ok();
        assertThat(server.http().delete("/api/3.0/mlflow/workspaces/scratch").status()).isEqualTo(400);
        server.http().in("scratch", "DELETE", "/api/2.0/mlflow/registered-models/delete", "{\"name\":\"scratch-model\"}").ok();
        assertThat(server.http().delete("/api/3.0/mlflow/workspaces/scratch").status()).isEqualTo(204);
        assertThat(server.http().get("/api/3.0/mlflow/workspaces/scratch").status()).isEqualTo(404);
        assertThat(server.http().delete("/api/3.0/mlflow/workspaces/default").status()).isEqualTo(400);
        assertThat(server.http().in("scratch", "POST", "/api/2.0/mlflow/experiments/search", "{}").status()).isEqualTo(404);
    }
}
