package dev.mlforge.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlforge.api.tracking.CreateExperimentRequest;
import dev.mlforge.api.tracking.Experiment;
import dev.mlforge.sdk.testing.ClientExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A client working in a workspace (MLflow's {@code MLFLOW_WORKSPACE}) creates and finds only that workspace's resources. */
class WorkspaceClientTest {
    @RegisterExtension
    final ClientExtension server = ClientExtension.sqlite();

    @Test
    void the_workspace_of_the_environment_or_the_flag_scopes_what_a_client_creates_and_finds(MlforgeClient defaultClient) {
        server.http().post("/api/3.0/mlflow/workspaces", "{\"name\":\"sdk-team\"}").json(201);
        ServerLocation located = ServerLocation.resolve(server.baseUrl(), Map.of("MLFLOW_WORKSPACE", "sdk-team"));
        MlforgeClient teamClient = located.builder().build();

        String id = teamClient.experiments().create(new CreateExperimentRequest("team-experiment", null, List.of()));

        assertThat(teamClient.experiments().getByName("team-experiment")).map(Experiment::experimentId).contains(id);
        assertThat(defaultClient.experiments().getByName("team-experiment")).isEmpty();
        assertThat(located.workspace()).isEqualTo("sdk-team");
        assertThat(ServerLocation.resolve(server.baseUrl(), Map.of("MLFORGE_WORKSPACE", "a", "MLFLOW_WORKSPACE", "b"))
                .workspace()).isEqualTo("a");
        assertThat(located.withWorkspace("flag").workspace()).isEqualTo("flag");
        assertThat(located.withWorkspace(null).workspace()).isEqualTo("sdk-team");
    }
}
