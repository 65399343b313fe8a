package dev.mlforge.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.app.RegistryDeploymentRecorder;
import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.LoggedModels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class LineageTest {
    static final DatasetRef TRAIN = new DatasetRef("transactions-2026-10", "a1b2c3d4", "training");
    static final DatasetRef EVAL = new DatasetRef("transactions-holdout", "e5f6a7b8", "evaluation");

    @RegisterExtension
    final ApplicationExtension server = ApplicationExtension.sqlite();
    final LoggedModels models = new LoggedModels(server);
    @TempDir
    Path tmp;
    String run1;
    String run2;

    @BeforeEach
    void start() {
        run1 = models.logModel("model", Map.of("accuracy", 0.9), Map.of(RunFacts.GIT_COMMIT_TAG, "9fceb02"), List.of(TRAIN, EVAL));
        run2 = models.logModel("model", Map.of(), Map.of(), List.of(TRAIN));
        models.register("fraud", run1);
        models.register("churn", run2);
        server.application().registry().lineage().recordDeployment("fraud", "1", "fraud-prod");
    }

    @Test
    void a_version_graph_shows_its_datasets_run_code_version_and_deployments() {
        JsonNode graph = server.http().get("/api/v1/lineage?model=fraud&version=1").ok().json();
        assertThat(ids(graph)).containsExactlyInAnyOrder("model:fraud/1", "run:" + run1, "dataset:a1b2c3d4", "dataset:e5f6a7b8",
                "deployment:fraud-prod");
        assertThat(edges(graph)).containsExactlyInAnyOrder("run:" + run1 + "-produced->model:fraud/1",
                "dataset:a1b2c3d4-trained->run:" + run1, "dataset:e5f6a7b8-trained->run:" + run1,
                "model:fraud/1-deployed_as->deployment:fraud-prod");
        JsonNode run = node(graph, "run:" + run1);
        assertThat(run.at("/attributes/code_version").asText()).isEqualTo("9fceb02");
        assertThat(node(graph, "dataset:a1b2c3d4").at("/attributes/context").asText()).isEqualTo("training");
    }

    @Test
    void a_dataset_graph_shows_every_model_and_deployment_made_from_it() {
        JsonNode graph = server.http().get("/api/v1/lineage?dataset_digest=a1b2c3d4").ok().json();
        assertThat(ids(graph)).contains("model:fraud/1", "model:churn/1", "deployment:fraud-prod", "run:" + run1, "run:" + run2);
        assertThat(edges(graph)).contains("dataset:a1b2c3d4-trained->run:" + run2, "run:" + run2 + "-produced->model:churn/1",
                "model:fraud/1-deployed_as->deployment:fraud-prod");
        JsonNode evaluation = server.http().get("/api/v1/lineage?dataset_digest=e5f6a7b8").ok().json();
        assertThat(ids(evaluation)).doesNotContain("model:churn/1");
    }

    @Test
    void refuses_ambiguous_or_unknown_lineage_queries() {
        assertThat(server.http().get("/api/v1/lineage").errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
        assertThat(server.http().get("/api/v1/lineage?model=fraud").errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
        assertThat(server.http().get("/api/v1/lineage?model=fraud&version=1&dataset_digest=x").errorCode())
                .isEqualTo("INVALID_PARAMETER_VALUE");
        assertThat(server.http().get("/api/v1/lineage?dataset_digest=ffff").status()).isEqualTo(404);
        assertThat(server.http().get("/api/v1/lineage?model=fraud&version=5").status()).isEqualTo(404);
    }

    @Test
    void recording_a_deployment_of_an_unknown_version_is_refused() {
        assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(dev.mlforge.http.MlforgeException.class,
                () -> server.application().registry().lineage().recordDeployment("fraud", "4", "x")).errorCode())
                .isEqualTo(dev.mlforge.api.ErrorCode.RESOURCE_DOES_NOT_EXIST);
    }

    @Test
    void serving_deployments_reach_the_lineage_through_the_deployment_recorder() {
        var recorder = new RegistryDeploymentRecorder(server.application().registry().lineage());
        recorder.deployed("churn-canary", "canary", new dev.mlforge.serving.ResolvedModel("models:/churn/1", "churn", "1", tmp));
        recorder.deployed("ignored", "primary", new dev.mlforge.serving.ResolvedModel("runs:/" + run2 + "/model", null, null, tmp));
        recorder.deployed("broken", "primary", new dev.mlforge.serving.ResolvedModel("models:/churn/9", "churn", "9", tmp));
        JsonNode graph = server.http().get("/api/v1/lineage?model=churn&version=1").ok().json();
        assertThat(ids(graph)).contains("deployment:churn-canary").doesNotContain("deployment:ignored", "deployment:broken");
    }

    private static List<String> ids(JsonNode graph) {
        List<String> ids = new ArrayList<>();
        graph.get("nodes").forEach(node -> ids.add(node.get("id").asText()));
        return ids;
    }

    private static List<String> edges(JsonNode graph) {
        List<String> edges = new ArrayList<>();
        graph.get("edges").forEach(edge -> edges.add(edge.get("from").asText() + "-" + edge.get("relation").asText()
                + "->" + edge.get("to").asText()));
        return edges;
    }

    private static JsonNode node(JsonNode graph, String id) {
        for (JsonNode node : graph.get("nodes")) {
            if (node.get("id").asText().equals(id)) {
                return node;
            }
        }
        throw new AssertionError("no node " + id);
    }
}
