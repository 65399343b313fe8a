package dev.mlforge.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlforge.app.Application;
import dev.mlforge.config.ServerConfig;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry as the application wires it: its routes on the real server, its store, artifacts and ModelSource. */
class ApplicationRegistryWiringTest {
    @TempDir
    Path tmp;

    @Test
    void the_application_serves_the_registry_and_resolves_its_models() throws Exception {
        try (Application app = new Application(ServerConfig.forDataDir(tmp)).start()) {
            app.artifacts().write("0/abc/artifacts/model/MLmodel",
                    new ByteArrayInputStream("flavors:\n  onnx:\n    data: model.onnx\n".getBytes(StandardCharsets.UTF_8)));
            app.artifacts().write("0/abc/artifacts/model/model.onnx", new ByteArrayInputStream(new byte[] {8, 7}));
            HttpClient client = HttpClient.newHttpClient();
            assertThat(post(client, app, "registered-models/create", "{\"name\": \"fraud\"}").statusCode()).isEqualTo(200);
            HttpResponse<String> version = post(client, app, "model-versions/create",
                    "{\"name\": \"fraud\", \"source\": \"mlflow-artifacts:/0/abc/artifacts/model\"}");
            assertThat(version.statusCode()).isEqualTo(200);
            assertThat(version.body()).contains("\"status\":\"READY\"");
            assertThat(post(client, app, "model-versions/create", "{\"name\": \"fraud\", \"source\": \"runs:/abc/model\"}")
                    .statusCode()).isEqualTo(400);

            assertThat(app.modelSource().resolve("models:/fraud/1").directory())
                    .isEqualTo(app.artifacts().localPath("0/abc/artifacts/model"));
            assertThat(app.registry().service().metadata("fraud", "1").flavors().has("onnx")).isTrue();
            assertThat(app.registry().service().searchRegisteredModels(null, null, java.util.List.of(), null).items())
                    .extracting(RegisteredModel::name).containsExactly("fraud");
        }
    }

    @Test
    void registers_a_tracked_run_with_its_datasets_code_version_and_metrics() throws Exception {
        try (Application app = new Application(ServerConfig.forDataDir(tmp)).start()) {
            HttpClient client = HttpClient.newHttpClient();
            HttpResponse<String> created = post(client, app, "runs/create", "{\"experiment_id\": \"0\"}");
            assertThat(created.statusCode()).isEqualTo(200);
            String runId = dev.mlforge.http.Json.mapper().readTree(created.body()).at("/run/info/run_id").asText();
            String artifactUri = dev.mlforge.http.Json.mapper().readTree(created.body()).at("/run/info/artifact_uri").asText();
            assertThat(post(client, app, "runs/log-metric", "{\"run_id\": \"" + runId + "\", \"key\": \"accuracy\", "
                    + "\"value\": 0.97, \"timestamp\": 1700000000000}").statusCode()).isEqualTo(200);
            assertThat(post(client, app, "runs/set-tag", "{\"run_id\": \"" + runId + "\", "
                    + "\"key\": \"mlflow.source.git.commit\", \"value\": \"9fceb02\"}").statusCode()).isEqualTo(200);
            assertThat(post(client, app, "runs/log-inputs", "{\"run_id\": \"" + runId + "\", \"datasets\": [{\"dataset\": "
                    + "{\"name\": \"transactions\", \"digest\": \"ab12cd34\", \"source_type\": \"local\", "
                    + "\"source\": \"{}\"}, \"tags\": [{\"key\": \"mlflow.data.context\", \"value\": \"training\"}]}]}")
                    .statusCode()).isEqualTo(200);
            String root = dev.mlforge.artifacts.ArtifactUris.relativePath(artifactUri);
            app.artifacts().write(root + "/model/MLmodel",
                    new ByteArrayInputStream("flavors:\n  onnx:\n    data: model.onnx\n".getBytes(StandardCharsets.UTF_8)));
            app.artifacts().write(root + "/model/model.onnx", new ByteArrayInputStream(new byte[] {8, 7}));

            assertThat(post(client, app, "registered-models/create", "{\"name\": \"fraud\"}").statusCode()).isEqualTo(200);
            HttpResponse<String> version = post(client, app, "model-versions/create",
                    "{\"name\": \"fraud\", \"source\": \"runs:/" + runId + "/model\"}");
            assertThat(version.statusCode()).isEqualTo(200);
            assertThat(version.body()).contains("\"run_id\":\"" + runId + "\"");

            LineageGraph graph = app.registry().lineage().ofDataset("ab12cd34");
            assertThat(graph.nodes()).extracting(LineageGraph.Node::id).contains("model:fraud/1", "run:" + runId);
            assertThat(graph.nodes()).filteredOn(node -> node.type().equals("run"))
                    .singleElement().satisfies(node -> assertThat(node.attributes()).containsEntry("code_version", "9fceb02"));
            app.registry().approvals().putRule("fraud", java.util.List.of("Production"), java.util.List.of(),
                    java.util.List.of("metrics.accuracy >= 0.95"), false, "admin");
            TransitionRequest request = app.registry().approvals().createRequest("fraud", "1", "Production", null, false,
                    "ship it", "alice");
            assertThat(app.registry().approvals().approve(request.id(), Actor.unauthenticated("bob"), null).status()).isEqualTo("APPROVED");
            assertThat(app.modelSource().resolve("models:/fraud/Production").version()).isEqualTo("1");
        }
    }

    private static HttpResponse<String> post(HttpClient client, Application app, String path, String json) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/api/2.0/mlflow/" + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
