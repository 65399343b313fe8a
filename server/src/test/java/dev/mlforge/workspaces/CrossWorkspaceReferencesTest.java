package dev.mlforge.workspaces;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.TestHttp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A resource never points into another workspace: a model version whose run or source is another workspace's, and a
 * deployment naming a model only another workspace has, are refused with 404 as if the target did not exist, while
 * the same references inside one workspace work.
 */
class CrossWorkspaceReferencesTest {
    @RegisterExtension
    static final ApplicationExtension server = ApplicationExtension.sqlite();

    private static String northExperiment;
    private static String northRun;


    @BeforeAll
    static void a_run_in_north() {
        for (String workspace : new String[] {"north", "south"}) {
            server.http().post("/api/3.0/mlflow/workspaces", "{\"name\":\"" + workspace + "\"}").json(201);
            server.http().in(workspace, "POST", "/api/2.0/mlflow/registered-models/create", "{\"name\":\"churn\"}").json(200);
        }
        northExperiment = server.http().in("north", "POST", "/api/2.0/mlflow/experiments/create", "{\"name\":\"north-exp\"}").json(200)
                .path("experiment_id").asText();
        northRun = server.http().in("north", "POST", "/api/2.0/mlflow/runs/create", "{\"experiment_id\":\"" + northExperiment + "\"}")
                .json(200).at("/run/info/run_id").asText();
        server.http().in("north", "POST", "/api/2.0/mlflow/registered-models/create", "{\"name\":\"north-only\"}").json(200);
        server.http().in("north", "POST", "/api/2.0/mlflow/model-versions/create", "{\"name\":\"north-only\",\"source\":\"s3://b/m\"}").ok();
    }

    @Test
    void a_model_version_of_another_workspaces_run_is_refused() {
        assertThat(server.http().in("south", "POST", "/api/2.0/mlflow/model-versions/create", "{\"name\":\"churn\",\"source\":\"s3://b/m\","
                + "\"run_id\":\"" + northRun + "\"}").errorCode()).isEqualTo("RESOURCE_DOES_NOT_EXIST");
        assertThat(server.http().in("south", "POST", "/api/2.0/mlflow/model-versions/create", "{\"name\":\"churn\",\"source\":\"runs:/"
                + northRun + "/model\"}").errorCode()).isEqualTo("RESOURCE_DOES_NOT_EXIST");
        assertThat(server.http().in("south", "POST", "/api/2.0/mlflow/model-versions/create", "{\"name\":\"churn\",\"source\":"
                + "\"mlflow-artifacts:/" + northExperiment + "/" + northRun + "/artifacts/model\"}").errorCode())
                .isEqualTo("RESOURCE_DOES_NOT_EXIST");
        assertThat(server.http().in("south", "GET", "/api/2.0/mlflow/registered-models/get?name=churn", null).json(200)
                .at("/registered_model/latest_versions")).isEmpty();

        assertThat(server.http().in("north", "POST", "/api/2.0/mlflow/model-versions/create", "{\"name\":\"churn\",\"source\":\"s3://b/m\","
                + "\"run_id\":\"" + northRun + "\"}").json(200).at("/model_version/run_id").asText()).isEqualTo(northRun);
    }

    @Test
    void a_deployment_of_a_model_only_another_workspace_has_is_refused() {
        TestHttp.Response refused = server.http().in("south", "POST", "/api/v1/deployments",
                "{\"name\":\"south-north-only\",\"model_uri\":\"models:/north-only/1\"}");
        assertThat(refused.status()).isEqualTo(404);
        assertThat(refused.errorCode()).isEqualTo("RESOURCE_DOES_NOT_EXIST");
        assertThat(server.http().in("south", "GET", "/api/v1/deployments/south-north-only", null).status()).isEqualTo(404);
    }
}
