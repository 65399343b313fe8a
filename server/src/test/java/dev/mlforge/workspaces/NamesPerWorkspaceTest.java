package dev.mlforge.workspaces;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.TestHttp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Names unique per workspace, as MLflow 3.10 scopes them, over real HTTP: two workspaces each hold an experiment
 * {@code exp} and a registered model {@code churn}, and every lookup by name (get-by-name, create conflicts, versions,
 * aliases, renames) resolves inside the workspace the request names.
 */
class NamesPerWorkspaceTest {
    @RegisterExtension
    static final ApplicationExtension server = ApplicationExtension.sqlite();


    @BeforeAll
    static void two_workspaces() {
        for (String workspace : new String[] {"north", "south"}) {
            server.http().post("/api/3.0/mlflow/workspaces", "{\"name\":\"" + workspace + "\"}").json(201);
        }
    }

    @Test
    void each_workspace_has_its_own_experiment_of_a_name() {
        String north = server.http().in("north", "POST", "/api/2.0/mlflow/experiments/create", "{\"name\":\"exp\"}").json(200)
                .path("experiment_id").asText();
        String south = server.http().in("south", "POST", "/api/2.0/mlflow/experiments/create", "{\"name\":\"exp\"}").json(200)
                .path("experiment_id").asText();

        assertThat(north).isNotEqualTo(south);
        assertThat(server.http().in("north", "GET", "/api/2.0/mlflow/experiments/get-by-name?experiment_name=exp", null).json(200)
                .at("/experiment/experiment_id").asText()).isEqualTo(north);
        assertThat(server.http().in("south", "GET", "/api/2.0/mlflow/experiments/get-by-name?experiment_name=exp", null).json(200)
                .at("/experiment/experiment_id").asText()).isEqualTo(south);
        assertThat(server.http().in("default", "GET", "/api/2.0/mlflow/experiments/get-by-name?experiment_name=exp", null).errorCode())
                .isEqualTo("RESOURCE_DOES_NOT_EXIST");
        assertThat(server.http().in("north", "POST", "/api/2.0/mlflow/experiments/create", "{\"name\":\"exp\"}").errorCode())
                .isEqualTo("RESOURCE_ALREADY_EXISTS");
    }

    @Test
    void an_experiment_is_renamed_to_a_name_only_another_workspace_uses() {
        server.http().in("north", "POST", "/api/2.0/mlflow/experiments/create", "{\"name\":\"taken-in-north\"}").json(200);
        String south = server.http().in("south", "POST", "/api/2.0/mlflow/experiments/create", "{\"name\":\"to-rename\"}").json(200)
                .path("experiment_id").asText();
        server.http().in("south", "POST", "/api/2.0/mlflow/experiments/create", "{\"name\":\"taken-in-south\"}").json(200);

        server.http().in("south", "POST", "/api/2.0/mlflow/experiments/update", "{\"experiment_id\":\"" + south
                + "\",\"new_name\":\"taken-in-north\"}").ok();
        assertThat(server.http().in("south", "POST", "/api/2.0/mlflow/experiments/update", "{\"experiment_id\":\"" + south
                + "\",\"new_name\":\"taken-in-south\"}").errorCode()).isEqualTo("RESOURCE_ALREADY_EXISTS");
        assertThat(server.http().in("south", "GET", "/api/2.0/mlflow/experiments/get-by-name?experiment_name=taken-in-north", null)
                .json(200).at("/experiment/experiment_id").asText()).isEqualTo(south);
    }

    @Test
    void each_workspace_has_its_own_registered_model_versions_and_aliases_of_a_name() {
        for (String workspace : new String[] {"north", "south"}) {
            server.http().in(workspace, "POST", "/api/2.0/mlflow/registered-models/create", "{\"name\":\"churn\",\"description\":\""
                    + workspace + "\"}").json(200);
        }
        for (int i = 0; i < 3; i++) {
            server.http().in("north", "POST", "/api/2.0/mlflow/model-versions/create", "{\"name\":\"churn\",\"source\":\"s3://b/north\"}").ok();
        }
        server.http().in("south", "POST", "/api/2.0/mlflow/model-versions/create", "{\"name\":\"churn\",\"source\":\"s3://b/south\"}").ok();
        server.http().in("north", "POST", "/api/2.0/mlflow/registered-models/alias", "{\"name\":\"churn\",\"alias\":\"champion\",\"version\":\"3\"}").ok();
        server.http().in("south", "POST", "/api/2.0/mlflow/registered-models/alias", "{\"name\":\"churn\",\"alias\":\"champion\",\"version\":\"1\"}").ok();

        assertThat(server.http().in("north", "GET", "/api/2.0/mlflow/registered-models/get?name=churn", null).json(200)
                .at("/registered_model/description").asText()).isEqualTo("north");
        assertThat(server.http().in("south", "GET", "/api/2.0/mlflow/registered-models/get?name=churn", null).json(200)
                .at("/registered_model/description").asText()).isEqualTo("south");
        JsonNode southChampion = server.http().in("south", "GET", "/api/2.0/mlflow/registered-models/alias?name=churn&alias=champion", null)
                .json(200).path("model_version");
        assertThat(southChampion.path("version").asText()).isEqualTo("1");
        assertThat(southChampion.path("source").asText()).isEqualTo("s3://b/south");
        assertThat(server.http().in("north", "GET", "/api/2.0/mlflow/registered-models/alias?name=churn&alias=champion", null)
                .json(200).at("/model_version/version").asText()).isEqualTo("3");
        assertThat(server.http().in("south", "GET", "/api/2.0/mlflow/model-versions/get?name=churn&version=3", null).errorCode())
                .isEqualTo("RESOURCE_DOES_NOT_EXIST");
        assertThat(server.http().in("north", "POST", "/api/2.0/mlflow/registered-models/create", "{\"name\":\"churn\"}").errorCode())
                .isEqualTo("RESOURCE_ALREADY_EXISTS");
        assertThat(server.http().in("default", "GET", "/api/2.0/mlflow/registered-models/get?name=churn", null).errorCode())
                .isEqualTo("RESOURCE_DOES_NOT_EXIST");
        assertThat(server.http().in("south", "GET", "/api/2.0/mlflow/registered-models/search?filter=name%3D%27churn%27", null).json(200)
                .path("registered_models").findValuesAsText("description")).containsExactly("south");
        assertThat(server.http().in("north", "GET", "/api/2.0/mlflow/model-versions/search?filter=name%3D%27churn%27", null).json(200)
                .path("model_versions").findValuesAsText("source")).containsOnly("s3://b/north").hasSize(3);
    }

    @Test
    void deleting_a_model_in_one_workspace_leaves_the_other_workspaces_model_of_that_name() {
        for (String workspace : new String[] {"north", "south"}) {
            server.http().in(workspace, "POST", "/api/2.0/mlflow/registered-models/create", "{\"name\":\"shared-name\"}").json(200);
            server.http().in(workspace, "POST", "/api/2.0/mlflow/model-versions/create", "{\"name\":\"shared-name\",\"source\":\"s3://b/x\"}").ok();
        }
        server.http().in("north", "DELETE", "/api/2.0/mlflow/registered-models/delete", "{\"name\":\"shared-name\"}").ok();

        assertThat(server.http().in("north", "GET", "/api/2.0/mlflow/registered-models/get?name=shared-name", null).status()).isEqualTo(404);
        assertThat(server.http().in("south", "GET", "/api/2.0/mlflow/model-versions/get?name=shared-name&version=1", null).json(200)
                .at("/model_version/name").asText()).isEqualTo("shared-name");
    }
}
