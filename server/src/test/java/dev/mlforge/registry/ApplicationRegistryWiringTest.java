package dev.mlforge.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlforge.app.Application;
import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.TestHttp;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The registry as the application wires it: its routes on the real server, its store, artifacts and ModelSource. */
class ApplicationRegistryWiringTest {
    @RegisterExtension
    final ApplicationExtension server = ApplicationExtension.sqlite();

    @Test
    void the_application_serves_the_registry_and_resolves_its_models() throws Exception {
        Application app = server.application();
        app.artifacts().write("0/abc/artifacts/model/MLmodel",
                new ByteArrayInputStream("flavors:\n  onnx:\n    data: model.onnx\n".getBytes(StandardCharsets.UTF_8)));
        app.artifacts().write("0/abc/artifacts/model/model.onnx", new ByteArrayInputStream(new byte[] {8, 7}));
        assertThat(post("registered-models/create", "{\"name\": \"fraud\"}").status()).isEqualTo(200);
        TestHttp.Response version = post("model-versions/create",
                "{\"name\": \"fraud\", \"source\": \"mlflow-artifacts:/0/abc/artifacts/model\"}");
        assertThat(version.status()).isEqualTo(200);
        assertThat(version.body()).contains("\"status\":\"READY\"");
        assertThat(post("model-versions/create", "{\"name\": \"fraud\", \"source\": \"runs:/abc/model\"}")
                .status()).isEqualTo(400);

        assertThat(app.modelSource().resolve("models:/fraud/1").directory())
                .isEqualTo(app.artifacts().localPath("0/abc/artifacts/model"));
        assertThat(app.registry().service().metadata("fraud", "1").flavors().has("onnx")).isTrue();
        assertThat(app.registry().service().searchRegisteredModels(null, null, java.util.List.of(), null).items())
                .extracting(RegisteredModelEntity::name).containsExactly("fraud");
    }

    @Test
    void registers_a_tracked_run_with_its_datasets_code_version_and_metrics() throws Exception {
        Application app = server.application();
        TestHttp.Response created = post("runs/create", "{\"experiment_id\": \"0\"}");
        assertThat(created.status()).isEqualTo(200);
        String runId = created.json().at("/run/info/run_id").asText();
        String artifactUri = created.json().at("/run/info/artifact_uri").asText();
        assertThat(post("runs/log-metric", "{\"run_id\": \"" + runId + "\", \"key\": \"accuracy\", "
                + "\"value\": 0.97, \"timestamp\": 1700000000000}").status()).isEqualTo(200);
        assertThat(post("runs/set-tag", "{\"run_id\": \"" + runId + "\", "
                + "\"key\": \"mlflow.source.git.commit\", \"value\": \"9fceb02\"}").status()).isEqualTo(200);
        assertThat(post("runs/log-inputs", "{\"run_id\": \"" + runId + "\", \"datasets\": [{\"dataset\": "
                + "{\"name\": \"transactions\", \"digest\": \"ab12cd34\", \"source_type\": \"local\", "
                + "\"source\": \"{}\"}, \"tags\": [{\"key\": \"mlflow.data.context\", \"value\": \"training\"}]}]}")
                .status()).isEqualTo(200);
        String root = dev.mlforge.artifacts.ArtifactUris.relativePath(artifactUri);
        app.artifacts().write(root + "/model/MLmodel",
                new ByteArrayInputStream("flavors:\n  onnx:\n    data: model.onnx\n".getBytes(StandardCharsets.UTF_8)));
        app.artifacts().write(root + "/model/model.onnx", new ByteArrayInputStream(new byte[] {8, 7}));

        assertThat(post("registered-models/create", "{\"name\": \"fraud\"}").status()).isEqualTo(200);
        TestHttp.Response version = post("model-versions/create",
                "{\"name\": \"fraud\", \"source\": \"runs:/" + runId + "/model\"}");
        assertThat(version.status()).isEqualTo(200);
        assertThat(version.body()).contains("\"run_id\":\"" + runId + "\"");

        LineageGraph graph = app.registry().lineage().ofDataset("ab12cd34");
        assertThat(graph.nodes()).extracting(LineageGraph.Node::id).contains("model:fraud/1", "run:" + runId);
        assertThat(graph.nodes()).filteredOn(node -> node.type().equals("run"))
                .singleElement().satisfies(node -> assertThat(node.attributes()).containsEntry("code_version", "9fceb02"));
        app.registry().approvals().putRule("fraud", java.util.List.of("Production"), java.util.List.of(),
                java.util.List.of("metrics.accuracy >= 0.95"), false, "admin");
        TransitionRequestEntity request = app.registry().approvals().createRequest("fraud", "1", "Production", null, false,
                "ship it", "alice");
        assertThat(app.registry().approvals().approve(request.id(), Actor.unauthenticated("bob"), null).status()).isEqualTo("APPROVED");
        assertThat(app.modelSource().resolve("models:/fraud/Production").version()).isEqualTo("1");
    }

    private TestHttp.Response post(String path, String json) {
        return server.http().post("/api/2.0/mlflow/" + path, json);
    }
}
