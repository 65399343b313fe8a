package dev.mlforge.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.TestHttp;
import dev.mlforge.http.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Deploying a registered version whose files were altered after registration, or whose {@code model.onnx} is no
 * model at all, is refused with a client error naming the model version, never the server's paths. Only real
 * parts: HTTP, SQLite, the registry's integrity manifests, ONNX Runtime.
 */
class DeployRefusalsTest {
    private static final Path MODEL = Path.of("src/test/resources/serving/models/iris_mlflow");

    @RegisterExtension
    final ApplicationExtension server = ApplicationExtension.sqlite();
    private final HttpClient raw = HttpClient.newHttpClient();
    private TestHttp http;

    @BeforeEach
    void start() {
        http = server.http();
    }

    @Test
    void a_version_tampered_with_after_registration_is_refused_with_409_naming_the_version() throws Exception {
        String artifactUri = registerVersion("iris", HttpRequest.BodyPublishers.ofFile(MODEL.resolve("model.onnx")));
        upload(artifactUri, "model.onnx", HttpRequest.BodyPublishers.ofString("swapped weights"));

        HttpResponse<String> refused = deploy("iris", "models:/iris/1");

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        JsonNode error = Json.mapper().readTree(refused.body());
        assertThat(error.get("error_code").asText()).isEqualTo("RESOURCE_CONFLICT");
        assertThat(error.get("message").asText()).contains("models:/iris/1").contains("name=iris, version=1")
                .contains("integrity").contains("model.onnx");
        assertNoServerPath(refused.body());
        assertThat(http.get("/api/v1/deployments/iris").status()).isEqualTo(404);
    }

    @Test
    void a_garbage_onnx_file_is_refused_with_400_naming_the_version_and_no_server_path() throws Exception {
        registerVersion("junk", HttpRequest.BodyPublishers.ofString("this is not a protobuf"));

        HttpResponse<String> refused = deploy("junk", "models:/junk/1");

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        JsonNode error = Json.mapper().readTree(refused.body());
        assertThat(error.get("error_code").asText()).isEqualTo("INVALID_PARAMETER_VALUE");
        assertThat(error.get("message").asText()).contains("models:/junk/1").contains("version 1")
                .contains("model.onnx").contains("not a valid ONNX model");
        assertNoServerPath(refused.body());
        assertThat(http.get("/api/v1/deployments/junk").status()).isEqualTo(404);
    }

    private void assertNoServerPath(String body) throws Exception {
        assertThat(body).doesNotContain(server.dataDir().toString()).doesNotContain(server.dataDir().toRealPath().toString())
                .doesNotContain(Path.of("").toAbsolutePath().toString());
    }

    /** Logs an MLmodel directory with the given {@code model.onnx} to a new run and registers it as version 1. */
    private String registerVersion(String name, HttpRequest.BodyPublisher onnx) throws Exception {
        String runId = http.post("/api/2.0/mlflow/runs/create", "{\"experiment_id\": \"0\"}").ok().json().at("/run/info/run_id").asText();
        String artifactUri = http.get("/api/2.0/mlflow/runs/get?run_id=" + runId).ok().json().at("/run/info/artifact_uri").asText();
        upload(artifactUri, "MLmodel", HttpRequest.BodyPublishers.ofFile(MODEL.resolve("MLmodel")));
        upload(artifactUri, "model.onnx", onnx);
        http.post("/api/2.0/mlflow/registered-models/create", "{\"name\": \"" + name + "\"}").ok();
        JsonNode version = http.post("/api/2.0/mlflow/model-versions/create",
                "{\"name\": \"" + name + "\", \"source\": \"runs:/" + runId + "/model\", \"run_id\": \"" + runId + "\"}").ok().json();
        assertThat(version.at("/model_version/version").asText()).isEqualTo("1");
        return artifactUri;
    }

    private void upload(String artifactUri, String file, HttpRequest.BodyPublisher body) throws Exception {
        String path = artifactUri.substring("mlflow-artifacts:/".length()) + "/model/" + file;
        HttpResponse<String> response = raw.send(HttpRequest.newBuilder(
                URI.create(server.baseUrl() + "/api/2.0/mlflow-artifacts/artifacts/" + path)).PUT(body).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private HttpResponse<String> deploy(String name, String modelUri) throws Exception {
        return raw.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/v1/deployments"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"" + name + "\", \"model_uri\": \"" + modelUri + "\"}",
                        StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
