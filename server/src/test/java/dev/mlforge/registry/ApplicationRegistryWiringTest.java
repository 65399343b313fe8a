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

    private static HttpResponse<String> post(HttpClient client, Application app, String path, String json) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/api/2.0/mlflow/" + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
